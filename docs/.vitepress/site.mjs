// Where the site is published. The URL lives in ONE place, network-check's catalog (the URL every finding prints);
// the site's base path is derived from it.
import * as catalog from '@closed-ftp/network-check/catalog';

// Until network-check exports DOCS_BASE_URL, the same default address (remove this fallback once it does).
const FALLBACK_URL = 'https://closed-ftp.github.io/closed-ftp/';

/** The published address of the site, ending in `/`. */
export const SITE_URL = catalog.DOCS_BASE_URL ?? FALLBACK_URL;

/** The site's base path, e.g. `/closed-ftp/`. */
export const BASE_PATH = new URL(SITE_URL).pathname.replace(/\/?$/, '/');

/** The repository the "Edit this page" and source links point at. */
export const REPOSITORY_URL = 'https://github.com/closed-ftp/closed-ftp';
