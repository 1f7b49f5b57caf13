import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** This suite's fixtures. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface PublishablePackage {
  /** npm name, e.g. `@closed-ftp/idp-core`. */
  name: string;
  /** Folder name under packages/, e.g. `idp-core`. */
  folder: string;
  dir: string;
  manifest: { name: string; version: string; bin?: Record<string, string> | string; private?: boolean };
  readme: string;
}

/** Every package under packages/ that is not private: what an integrator can install. */
export function publishablePackages(): PublishablePackage[] {
  const packagesDir = join(ROOT, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(packagesDir, entry.name);
      let manifest: PublishablePackage['manifest'];
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        return []; // a folder without package.json is no package
      }
      if (manifest.private) return [];
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      return [{ name: manifest.name, folder: entry.name, dir, manifest, readme }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The pnpm the workspace pins (package.json `packageManager`), run through npx like scripts/workspace.mjs does. */
export function pinnedPnpm(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
}
