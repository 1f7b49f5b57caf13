// The API reference: TypeDoc with typedoc-plugin-markdown over each package's public entry points (the `types` of
// every `exports` entry), so it lists exactly what a user can import, with its TSDoc.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Application, Converter, ReflectionKind } from 'typedoc';
import { DOCS_DIR, documentedPackages } from './workspace.mjs';

export const API_DIR = 'reference/api';

/** The ESM declarations of an `exports` entry: `{ types }`, or `{ import: { types }, require: ... }`. */
const declarationsOf = (target) => (typeof target === 'object' ? (target.import?.types ?? target.types) : undefined);

/** `{ module, file }` for every public entry point: `@closed-ftp/x` or `@closed-ftp/x/sub`. */
export function entryPoints() {
  return documentedPackages().flatMap((pkg) =>
    Object.entries(pkg.manifest.exports ?? {})
      .filter(([, target]) => declarationsOf(target))
      .map(([subpath, target]) => ({
        module: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        file: join(pkg.dir, declarationsOf(target)),
        pkg,
      })),
  );
}

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.d\.[mc]?ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A digest of everything the API pages are made from: when it changes, the pages are stale. */
export function apiInputDigest() {
  const hash = createHash('sha256');
  for (const { module, file, pkg } of entryPoints()) hash.update(`${module}\0${relative(pkg.dir, file)}\0`);
  for (const pkg of documentedPackages()) {
    for (const file of declarationFiles(join(pkg.dir, 'dist')))
      hash.update(`${relative(pkg.dir, file)}\0${readFileSync(file)}\0`);
  }
  return hash.digest('hex');
}

export async function generateApi() {
  const entries = entryPoints();
  // TypeDoc names a module by its path below the common folder: `network-check/dist/catalog`.
  const common = join(entries[0].pkg.dir, '..');
  const byPath = new Map(
    entries.map((entry) => [
      relative(common, entry.file)
        .replace(/\.d\.[mc]?ts$/, '')
        .replace(/\/index$/, ''),
      entry.module,
    ]),
  );
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => entry.file),
    plugin: ['typedoc-plugin-markdown'],
    out: join(DOCS_DIR, API_DIR),
    readme: 'none',
    name: 'API reference',
    outputFileStrategy: 'modules',
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    excludePrivate: true,
    excludeInternal: true,
    disableSources: true,
    sort: ['kind', 'alphabetical'],
    logLevel: 'Warn',
    validation: { notExported: false, invalidLink: false, rewrittenLink: false },
    // Its own tsconfig: the declarations of the built packages, nothing of docs/ itself.
    tsconfig: join(import.meta.dirname, 'api.tsconfig.json'),
  });
  // Name each module as it is imported (`@closed-ftp/network-check/catalog`), not by its path in dist/.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = byPath.get(module.name);
      if (name === undefined)
        throw new Error(`TypeDoc named a module "${module.name}" that is no entry point; update api.mjs`);
      module.name = name;
    }
  });
  const project = await app.convert();
  if (project === undefined)
    throw new Error("TypeDoc could not read the packages' declarations: build the packages first");
  await app.generateOutputs(project);
}
