// Writes the licence texts of the third-party packages an esbuild bundle inlines (from its metafile's inputs), for
// the bundles the packages ship: their MIT and Apache-2.0 terms ask for the notice to travel with the code.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `metafile`: esbuild's, built with `metafile: true`; `outFile`: where to write; `bundle`: the bundle's name. */
export function writeThirdPartyNotices(metafile, outFile, bundle) {
  const roots = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    // `namespace:path` inputs are a plugin's stand-ins, not the package's code.
    if (/^[\w-]+:/.test(input)) continue;
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
    if (match) roots.add(resolve(match[1]));
  }
  const packages = new Map();
  for (const root of roots) {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (packages.has(key)) continue;
    const texts = readdirSync(root)
      .filter((file) => /^(licen[cs]e|notice|copying)(\.|$)/i.test(file))
      .sort()
      .map((file) => readFileSync(join(root, file), 'utf8').trim());
    packages.set(key, { key, license: licenseOf(pkg), texts });
  }
  const sorted = [...packages.values()].sort((a, b) => a.key.localeCompare(b.key));
  // A package without its own licence file is covered by its licence's standard text: Apache-2.0's is appended once.
  const apacheWithoutFile = sorted.some(({ license, texts }) => texts.length === 0 && license === 'Apache-2.0');
  const sections = sorted.map(({ key, license, texts }) => {
    if (texts.length > 0) return `${key} (${license})\n\n${texts.join('\n\n')}`;
    if (license === 'Apache-2.0')
      return `${key} (Apache-2.0)\n\nThe Apache License 2.0, its text at the end of this file.`;
    return `${key} (${license})\n\nLicensed under ${license}; the package ships no licence file.`;
  });
  if (apacheWithoutFile) {
    sections.push(`Apache License 2.0\n\n${readFileSync(new URL('../LICENSE', import.meta.url), 'utf8').trim()}`);
  }
  const header = `${bundle} inlines the following ${sorted.length} third-party packages, under the licences below.`;
  const rule = `\n\n${'-'.repeat(80)}\n\n`;
  writeFileSync(outFile, `${header}${rule}${sections.join(rule)}\n`);
  return sorted.length;
}

function licenseOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  return 'see the package';
}
