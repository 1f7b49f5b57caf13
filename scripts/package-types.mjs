#!/usr/bin/env node
// Run in a package folder after its build. Checks that the public declarations (those the exports map's types
// reach) import only packages the package depends on: a user's `skipLibCheck: false` must not need an undeclared
// package. With --cts it first writes each dist/**/*.d.ts again as .d.cts (relative imports to .cjs): the types of
// the CommonJS build, whose API is the ESM one's.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const declared = new Set([
  pkg.name,
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]);
const builtins = new Set(builtinModules);
const writeCts = process.argv.includes('--cts');

/** Every declaration file under a folder. */
function* declarations(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* declarations(path);
    else if (/\.d\.(ts|mts|cts)$/.test(entry.name)) yield path;
  }
}

/** The `types` files the exports map (and the top-level `types`) name. */
function exportedTypes(node, found = []) {
  if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'types' && typeof value === 'string') found.push(normalize(value));
      else exportedTypes(value, found);
    }
  }
  return found;
}

const specifier = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|reference\s+types=)(['"])([^'"]+)\2/g;
const problems = [];
let written = 0;
if (writeCts) {
  for (const file of declarations('dist')) {
    if (!file.endsWith('.d.ts')) continue;
    const cts = readFileSync(file, 'utf8').replace(specifier, (whole, lead, quote, target) =>
      target.startsWith('.') ? `${lead}${quote}${target.replace(/\.js$/, '.cjs')}${quote}` : whole,
    );
    writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), cts);
    written++;
  }
}

/** The declaration file a relative import of `from` means, if it exists. */
function declarationOf(from, target) {
  const base = join(dirname(from), target);
  const candidates = [
    base.replace(/\.js$/, '.d.ts'),
    base.replace(/\.cjs$/, '.d.cts'),
    base.replace(/\.mjs$/, '.d.mts'),
    `${base}.d.ts`,
    join(base, 'index.d.ts'),
  ];
  return candidates.find((candidate) => /\.d\.[cm]?ts$/.test(candidate) && existsSync(candidate));
}

const queue = [...exportedTypes(pkg.exports ?? {}), ...(pkg.types ? [normalize(pkg.types)] : [])];
const seen = new Set();
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file) || !existsSync(file)) continue;
  seen.add(file);
  for (const [, , , target] of readFileSync(file, 'utf8').matchAll(specifier)) {
    if (target.startsWith('.')) {
      const next = declarationOf(file, target);
      if (next) queue.push(next);
      continue;
    }
    if (target.startsWith('node:') || builtins.has(target)) continue;
    const name = target.startsWith('@') ? target.split('/').slice(0, 2).join('/') : target.split('/')[0];
    if (!declared.has(name)) problems.push(`${relative('.', file)} imports '${target}'`);
  }
}
if (problems.length > 0) {
  console.error(
    `package-types: ${pkg.name}'s public declarations import packages it does not depend on; inline their types or add them to dependencies:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `package-types: ${pkg.name}: ${seen.size} public declarations checked${writeCts ? `, ${written} .d.cts written` : ''}`,
);
