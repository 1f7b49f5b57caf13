import { isIP } from 'node:net';
import type { FtpReply } from './reply-parser.js';

/** Where a passive reply tells the client to open the data connection. */
export interface PassiveAddress {
  /** The advertised host; EPSV advertises none (the client reuses the control host). */
  host?: string;
  port: number;
}

/** Parses `229 Entering Extended Passive Mode (|||port|)` (RFC 2428). */
export function parseEpsvReply(reply: FtpReply): PassiveAddress | undefined {
  const text = reply.lines.join(' ');
  const match = /\((.)\1\1(\d{1,5})\1\)/.exec(text);
  const port = Number(match?.[2]);
  return match && port > 0 && port < 65536 ? { port } : undefined;
}

/** Parses `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)` (RFC 959); the parentheses are optional in practice. */
export function parsePasvReply(reply: FtpReply): PassiveAddress | undefined {
  const text = reply.lines.join(' ');
  const match = /(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3}),\s*(\d{1,3})/.exec(text);
  if (!match) return undefined;
  const numbers = match.slice(1).map(Number);
  if (numbers.some((n) => n > 255)) return undefined;
  const port = numbers[4]! * 256 + numbers[5]!;
  if (port === 0) return undefined;
  return { host: numbers.slice(0, 4).join('.'), port };
}

/** What kind of address a passive reply advertised, as seen from a client in another network. */
export type AddressKind = 'unspecified' | 'loopback' | 'link-local' | 'private' | 'shared' | 'public';

export function addressKind(address: string): AddressKind {
  if (isIP(address) === 6) {
    const lower = address.toLowerCase();
    if (lower === '::') return 'unspecified';
    if (lower === '::1') return 'loopback';
    if (lower.startsWith('fe80:')) return 'link-local';
    if (/^f[cd]/.test(lower)) return 'private';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped ? addressKind(mapped[1]!) : 'public';
  }
  const [a = 0, b = 0] = address.split('.').map(Number);
  if (address === '0.0.0.0') return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  return 'public';
}
