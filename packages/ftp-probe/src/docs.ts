/**
 * The documentation site. network-check's catalog is to export the same constant as `DOCS_BASE_URL`; until it does,
 * this copy.
 */
export const DOCS_BASE_URL = 'https://closed-ftp.github.io/closed-ftp/';
