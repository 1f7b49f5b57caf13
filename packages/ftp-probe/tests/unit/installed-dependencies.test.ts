// What `npm i @closed-ftp/ftp-probe` installs is only what package.json declares: the build inlines the AWS SDK and
// Powertools (dist/vendor/), so every module the package ships must import nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
function* modules(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* modules(path);
    else if (/\.(m?js|cjs)$/.test(entry.name)) yield path;
  }
}

/** Every package some module imports by name, as esbuild parses them (comments and messages quoting one are not). */
async function packagesImported(files: string[]): Promise<Array<{ file: string; name: string }>> {
  const result = await build({
    // Named by their whole path: index.js and index.cjs would otherwise both be written as never-written/index.js.
    entryPoints: files.map((file) => ({ in: file, out: relative(root, file) })),
    bundle: true,
    write: false,
    outdir: join(root, 'never-written'),
    platform: 'node',
    format: 'esm',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  return Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
    input.imports
      .filter(({ external, path }) => external && !path.startsWith('node:') && !builtinModules.includes(path))
      .map(({ path }) => ({
        file,
        name: path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : (path.split('/')[0] as string),
      })),
  );
}

describe('the installed package', () => {
  it('imports only its declared dependencies, from every module in dist/', async () => {
    const declared = new Set(Object.keys(pkg.dependencies ?? {}));
    const files = [...modules(join(root, 'dist'))];
    expect(files.length).toBeGreaterThan(10);
    const imported = await packagesImported(files);
    expect(imported.map(({ name }) => name)).toContain('@closed-ftp/rule-catalog');
    const undeclared = imported
      .filter(({ name }) => !declared.has(name))
      .map(({ file, name }) => `${file} imports ${name}`);
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it('declares no AWS SDK or Powertools package: they are inlined', () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@closed-ftp/rule-catalog']);
  });
});
