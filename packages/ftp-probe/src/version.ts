import { readFileSync } from 'node:fs';

// The bundle build defines FTP_PROBE_VERSION; the package build reads package.json next to dist/.
declare const FTP_PROBE_VERSION: string | undefined;

export const VERSION: string =
  typeof FTP_PROBE_VERSION === 'string'
    ? FTP_PROBE_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
