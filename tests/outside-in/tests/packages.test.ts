import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { FIXTURES, publishablePackages } from '../support/paths.js';

const packages = publishablePackages();
const { tarballs, esmApp } = inject('outsideIn');
const ownManifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe.each(packages)('$name', (pkg) => {
  it('is packed and installed from its tarball', () => {
    expect(existsSync(tarballs[pkg.name]!), tarballs[pkg.name]).toBe(true);
    const installed = JSON.parse(readFileSync(join(esmApp, 'node_modules', pkg.name, 'package.json'), 'utf8'));
    expect(installed.version).toBe(pkg.manifest.version);
    expect(JSON.stringify(installed)).not.toContain('workspace:');
  });

  it('is a devDependency of this suite, so turbo builds it before the suite packs it', () => {
    expect(ownManifest.devDependencies[pkg.name]).toBe('workspace:*');
  });

  it('has a usage file type-checked under node16, nodenext and bundler', () => {
    expect(existsSync(join(FIXTURES, 'usage', `${pkg.folder}.ts`))).toBe(true);
  });
});
