// Copies the IdP's, the canary's and the drift check's one-file bundles (with their third-party notices) into dist/, so
// the published package carries them and needs none of idp-lambda, ftp-probe or network-check installed.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const bundles = [
  { from: ['@closed-ftp/idp-lambda', 'dist/bundle'], to: 'idp-bundle' },
  { from: ['@closed-ftp/ftp-probe', 'dist/canary-bundle'], to: 'canary-bundle' },
  { from: ['@closed-ftp/network-check', 'dist/drift-bundle'], to: 'drift-bundle' },
];
for (const { from, to } of bundles) {
  const [name, folder] = from;
  const source = join(dirname(require.resolve(`${name}/package.json`)), folder);
  if (!existsSync(join(source, 'index.mjs'))) {
    console.error(`copy-bundles: ${name} has no ${folder}/index.mjs; build it first (turbo run build does).`);
    process.exit(1);
  }
  const target = new URL(`../dist/${to}`, import.meta.url).pathname;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(source)) cpSync(join(source, file), join(target, file));
  console.log(`copy-bundles: dist/${to}/ from ${name}/${folder}: ${readdirSync(target).join(', ')}`);
}
