import { TargetError } from './errors.js';

/** What to probe. `secure` means explicit FTPS (AUTH TLS on the control port). */
export interface ProbeTarget {
  host: string;
  port: number;
  user: string;
  secure: boolean;
}

/** Parses `ftp://user@host[:port]` or `ftps://user@host[:port]` (explicit FTPS; implicit FTPS is not supported). */
export function parseTarget(url: string): ProbeTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TargetError(
      `target "${withoutUserInfo(url)}" is not a URL: write it as ftp://user@host[:port]`,
      'target',
    );
  }
  if (parsed.protocol !== 'ftp:' && parsed.protocol !== 'ftps:') {
    throw new TargetError(
      `target scheme "${parsed.protocol.replace(/:$/, '')}" is not supported: use ftp:// or ftps:// (explicit FTPS)`,
      'target',
    );
  }
  if (parsed.password) {
    throw new TargetError(
      'target contains a password: remove it from the URL (other users can read command lines) and pass it with --password-stdin or FTP_PASSWORD',
      'password',
    );
  }
  if (!parsed.username) {
    throw new TargetError('target has no user name: write it as ftp://user@host[:port]', 'user');
  }
  if (parsed.pathname && parsed.pathname !== '/') {
    throw new TargetError(
      `target path "${parsed.pathname}" is not supported: the probe lists the home directory`,
      'path',
    );
  }
  let user: string;
  try {
    user = decodeURIComponent(parsed.username);
  } catch {
    throw new TargetError('target user name has a broken %-escape: write @ as %40 and % as %25', 'user');
  }
  const port = parsed.port ? Number(parsed.port) : 21;
  return checkTarget({
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    user,
    secure: parsed.protocol === 'ftps:',
  });
}

/** Refuses a user name FTP cannot send: a line break would end USER early and smuggle in another command. */
export function checkTarget(target: ProbeTarget): ProbeTarget {
  if (/[\r\n\0]/.test(target.user)) {
    throw new TargetError('target user name contains a line break or NUL: FTP cannot send it', 'user');
  }
  return target;
}

/** What the user typed, minus anything before the last `@` of the authority: it may hold a password. */
function withoutUserInfo(url: string): string {
  const at = url.lastIndexOf('@');
  const start = url.indexOf('//');
  return at === -1 ? url : `${url.slice(0, start === -1 || start > at ? 0 : start + 2)}…@${url.slice(at + 1)}`;
}

export function targetUrl(target: ProbeTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${target.secure ? 'ftps' : 'ftp'}://${encodeURIComponent(target.user)}@${host}:${target.port}`;
}
