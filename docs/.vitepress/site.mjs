// Where the site is published. The URL lives in ONE place, network-check's catalog (the URL every finding prints);
// the site's base path is derived from it.
import { DOCS_BASE_URL } from '@closed-ftp/network-check/catalog';

/** The published address of the site, ending in `/`. */
export const SITE_URL = DOCS_BASE_URL;

/** The site's base path, e.g. `/closed-ftp/`. */
export const BASE_PATH = new URL(SITE_URL).pathname.replace(/\/?$/, '/');

/** The repository the source links point at. */
export const REPOSITORY_URL = 'https://github.com/closed-ftp/closed-ftp';
