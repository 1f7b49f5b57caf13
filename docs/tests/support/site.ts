// The built site in docs/dist, read the way a browser sees it: page paths under the base path, cleanUrls.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_PATH } from '../../.vitepress/site.mjs';

export const DOCS_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = join(DOCS_DIR, 'dist');
export { BASE_PATH };

/** Fails with the fix when the site has not been built. */
export function requireBuiltSite(): void {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error('docs/dist has no index.html: build the site first (npm run docs:build at the repository root)');
  }
}

/** Every HTML page of the built site, as its file path relative to dist (404.html excluded). */
export function builtPages(): string[] {
  requireBuiltSite();
  return readdirSync(DIST_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && file !== '404.html')
    .map((file) => file.split('\\').join('/'))
    .sort();
}

/** The URL path of a built page: `rules/CFTP-NET-006.html` -> `/closed-ftp/rules/CFTP-NET-006`. */
export function pagePath(file: string): string {
  return `${BASE_PATH}${file.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`;
}

/** The built file a site path resolves to (as the static host resolves cleanUrls), or undefined. */
export function fileForPath(path: string): string | undefined {
  if (!path.startsWith(BASE_PATH)) return undefined;
  const rest = decodeURIComponent(path.slice(BASE_PATH.length));
  const candidates =
    rest === '' || rest.endsWith('/') ? [`${rest}index.html`] : [rest, `${rest}.html`, `${rest}/index.html`];
  return candidates.find(
    (candidate) => existsSync(join(DIST_DIR, candidate)) && statSync(join(DIST_DIR, candidate)).isFile(),
  );
}

export function readBuilt(file: string): string {
  return readFileSync(join(DIST_DIR, file), 'utf8');
}

/** The page content (VitePress's `.vp-doc`/home markup) without the navigation, sidebar and footer around it. */
export function mainContent(html: string): string {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  return start === -1 || end === -1 ? html : html.slice(start, end);
}

export function relativeToDocs(path: string): string {
  return relative(DOCS_DIR, path);
}
