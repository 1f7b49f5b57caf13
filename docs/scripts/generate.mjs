// Writes every generated page of the site from the packages as they are built now (run by `build` and `dev`).
// Generated pages are not committed (see .gitignore); tests/unit/generated.test.ts fails when they are stale.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { API_DIR, apiInputDigest, generateApi } from './generators/api.mjs';
import { generateChangelog } from './generators/changelog.mjs';
import { generateCli } from './generators/cli.mjs';
import { generateEmulator } from './generators/emulator.mjs';
import { generateIdp } from './generators/idp.mjs';
import { generatePackageParts } from './generators/packages.mjs';
import { generateProbeCauses } from './generators/probe-causes.mjs';
import { generateRules } from './generators/rules.mjs';
import { DOCS_DIR } from './generators/workspace.mjs';

/** Where the list of written pages and the API's input digest are kept between runs. */
export const MANIFEST = join(DOCS_DIR, '.generated', 'manifest.json');

/** Every generator of a set of Markdown pages (path relative to docs/ -> content). */
export const GENERATORS = {
  rules: generateRules,
  cli: generateCli,
  'probe-causes': generateProbeCauses,
  idp: generateIdp,
  emulator: generateEmulator,
  changelog: generateChangelog,
  packages: generatePackageParts,
};

/** Runs every page generator; resolves with one Map of all pages. */
export async function generatePages() {
  const all = new Map();
  const results = await Promise.all(Object.values(GENERATORS).map((generate) => generate()));
  for (const files of results) for (const [path, content] of files) all.set(path, content);
  return all;
}

async function readManifest() {
  try {
    return JSON.parse(await readFile(MANIFEST, 'utf8'));
  } catch {
    return { pages: [], apiDigest: '' };
  }
}

async function main() {
  const started = performance.now();
  const previous = await readManifest();
  const pages = await generatePages();
  // Pages a generator no longer writes (a retired rule) must not linger in the site.
  for (const path of previous.pages) if (!pages.has(path)) await rm(join(DOCS_DIR, path), { force: true });
  // Only changed pages are written, so a page newer than its built HTML means the site is stale (see the tests).
  for (const [path, content] of pages) {
    const file = join(DOCS_DIR, path);
    if ((await readFile(file, 'utf8').catch(() => undefined)) === content) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  const apiDigest = apiInputDigest();
  // TypeDoc reads every declaration the packages pull in (aws-cdk-lib's too): skip it when nothing changed.
  const apiFresh = apiDigest === previous.apiDigest && existsSync(join(DOCS_DIR, API_DIR, 'index.md'));
  if (!apiFresh) {
    await rm(join(DOCS_DIR, API_DIR), { recursive: true, force: true });
    await generateApi();
  }
  await mkdir(dirname(MANIFEST), { recursive: true });
  await writeFile(MANIFEST, `${JSON.stringify({ pages: [...pages.keys()].sort(), apiDigest }, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `generated ${pages.size} pages${apiFresh ? ' (API unchanged)' : ' and the API reference'} in ${seconds} s`,
  );
}

if (process.argv[1] === import.meta.filename) await main();
