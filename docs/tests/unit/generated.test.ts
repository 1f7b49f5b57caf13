// The generated references follow the packages: regenerated now, every page equals the one the site was built
// from, and the built site is not older than its generated pages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '@closed-ftp/network-check/catalog';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePages, MANIFEST } from '../../scripts/generate.mjs';
import { apiInputDigest } from '../../scripts/generators/api.mjs';
import { DIST_DIR, DOCS_DIR, fileForPath, pagePath, requireBuiltSite } from '../support/site.js';

const REBUILD = 'stale: rebuild the site (npm run docs:build at the repository root)';

describe('generated pages', () => {
  let pages: Map<string, string>;
  beforeAll(async () => {
    requireBuiltSite();
    pages = await generatePages();
  });

  it('match what the packages say now', () => {
    const stale = [...pages]
      .filter(
        ([path, content]) =>
          !existsSync(join(DOCS_DIR, path)) || readFileSync(join(DOCS_DIR, path), 'utf8') !== content,
      )
      .map(([path]) => path);
    expect(stale, REBUILD).toEqual([]);
  });

  it('are all in the built site, built after they were written', () => {
    const older: string[] = [];
    for (const path of pages.keys()) {
      if (!path.endsWith('.md') || path.startsWith('.generated/')) continue;
      const built = fileForPath(pagePath(path.replace(/\.md$/, '.html')));
      if (built === undefined || statSync(join(DIST_DIR, built)).mtimeMs < statSync(join(DOCS_DIR, path)).mtimeMs)
        older.push(path);
    }
    expect(older, REBUILD).toEqual([]);
  });

  it('have one page per rule of the catalog, with its title, summary and fix', () => {
    for (const [id, rule] of Object.entries(RULES)) {
      const page = pages.get(`rules/${id}.md`) ?? '';
      expect(page).toContain(`# ${id}: `);
      expect(page).toContain(rule.remediation.split('<')[0]);
      expect(page).toContain(rule.summary.split('<')[0]);
    }
  });

  it('include each command line as its --help prints it', () => {
    const cli = pages.get('reference/cli.md') ?? '';
    for (const bin of ['network-check', 'ftp-probe', 'closed-ftp-user', 'transfer-emulator']) {
      expect(cli).toContain(`## ${bin}`);
    }
    expect(cli).toMatch(/Usage: network-check <command>/);
  });

  it('have an API reference made from the current declarations', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { apiDigest: string };
    expect(manifest.apiDigest, REBUILD).toBe(apiInputDigest());
    expect(existsSync(join(DIST_DIR, 'reference', 'api', 'index.html'))).toBe(true);
  });
});
