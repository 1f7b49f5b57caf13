// Every internal link and anchor of the built site resolves, every page is reachable from the home page, and no
// page points at a repository file that does not exist.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_URL } from '../../.vitepress/site.mjs';
import { BASE_PATH, builtPages, DOCS_DIR, fileForPath, mainContent, readBuilt } from '../support/site.js';

const REPOSITORY_FILES = 'https://github.com/closed-ftp/closed-ftp/blob/main/';

function decode(text: string): string {
  return text
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}

/** The `href`s of a page's `<a>` elements. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((match) => decode(match[1] ?? ''));
}

/** The element ids of a page: what `#anchor`s can point at. */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => decode(match[1] ?? '')));
}

interface Target {
  file: string | undefined;
  anchor: string;
}

/** Where an internal link leads, or undefined for a link that leaves the site. */
function resolveInternal(href: string, from: string): Target | undefined {
  const absolute = href.startsWith(SITE_URL) ? `${BASE_PATH}${href.slice(SITE_URL.length)}` : href;
  if (/^[a-z][a-z+.-]*:/i.test(absolute)) return undefined;
  const url = new URL(absolute, `http://site${BASE_PATH}${from}`);
  return { file: fileForPath(url.pathname), anchor: decodeURIComponent(url.hash.slice(1)) };
}

describe('the built site', () => {
  let pages: string[];
  const html = new Map<string, string>();
  beforeAll(() => {
    pages = builtPages();
    for (const page of pages) html.set(page, readBuilt(page));
  });

  it('has the pages the packages link to', () => {
    const required = [
      'rules/CFTP-NET-006.html',
      'reference/probe-causes.html',
      ...['idp-core', 'idp-lambda', 'network-check', 'cdk-closed-ftp', 'ftp-probe', 'transfer-emulator'].map(
        (folder) => `packages/${folder}.html`,
      ),
      'troubleshooting.html',
      'ja/troubleshooting.html',
      'changelog.html',
    ];
    expect(required.filter((page) => !pages.includes(page))).toEqual([]);
    expect(idsOf(html.get('reference/probe-causes.html') ?? '')).toContain('cftp-probe-001');
  });

  it('resolves every internal link and anchor', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const source = html.get(page) ?? '';
      for (const href of new Set(linksOf(source))) {
        const target = resolveInternal(href, page);
        if (target === undefined) continue;
        if (target.file === undefined) {
          broken.push(`${page}: ${href} (no such page)`);
        } else if (target.anchor !== '' && !idsOf(html.get(target.file) ?? readBuilt(target.file)).has(target.anchor)) {
          broken.push(`${page}: ${href} (no #${target.anchor} on ${target.file})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('reaches every page from the home page (no orphans)', () => {
    const reached = new Set<string>(['index.html']);
    const queue = ['index.html'];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      for (const href of linksOf(html.get(page) ?? '')) {
        const file = resolveInternal(href, page)?.file;
        if (file !== undefined && html.has(file) && !reached.has(file)) {
          reached.add(file);
          queue.push(file);
        }
      }
    }
    expect(pages.filter((page) => !reached.has(page))).toEqual([]);
  });

  it('links only to repository files that exist, and cites no file outside the repository', () => {
    const problems: string[] = [];
    for (const page of pages) {
      const source = html.get(page) ?? '';
      for (const href of linksOf(source)) {
        if (!href.startsWith(REPOSITORY_FILES)) continue;
        const path = href.slice(REPOSITORY_FILES.length).split('#')[0] ?? '';
        if (!existsSync(join(DOCS_DIR, '..', path))) problems.push(`${page}: ${href}`);
      }
      if (/FACTS\.md/.test(mainContent(source)))
        problems.push(`${page}: cites FACTS.md, which is not in the repository`);
    }
    expect(problems).toEqual([]);
  });

  it('serves the same addresses the tools print (one base URL)', () => {
    expect(new URL(SITE_URL).pathname).toBe(BASE_PATH);
    const home = html.get('index.html') ?? '';
    expect(home).toContain(`href="${BASE_PATH}`);
  });
});
