import type { StorageEntry } from '../storage/storage.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDDHHMMSS` in UTC, as MDTM (RFC 3659) and MLSD `modify=` write it. */
export function timeVal(date: Date): string {
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}

/** Parses an RFC 3659 time-val (`YYYYMMDDHHMMSS[.sss]`, UTC); undefined if malformed. */
export function parseTimeVal(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== mo! - 1 ? undefined : date;
}

/** One `ls -l` style line, the format LIST clients parse. */
export function listLine(entry: StorageEntry): string {
  const mode = entry.type === 'directory' ? 'drwxr-xr-x' : '-rw-r--r--';
  const date = entry.modified;
  const recent = Date.now() - date.getTime() < 180 * 24 * 3600 * 1000;
  const when = recent
    ? `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
    : String(date.getUTCFullYear()).padStart(5, ' ');
  const day = `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')}`;
  return `${mode} 1 - - ${String(entry.size).padStart(12, ' ')} ${day} ${when} ${entry.name}`;
}

/** One MLSD/MLST fact line (RFC 3659): `type=file;size=3;modify=...; name`. */
export function factsLine(entry: StorageEntry, name = entry.name): string {
  const type = entry.type === 'directory' ? 'dir' : 'file';
  return `type=${type};size=${entry.size};modify=${timeVal(entry.modified)}; ${name}`;
}
