import { isIP } from 'node:net';
import { SERVER_ID_PATTERN, USER_NAME_PATTERN } from './transfer-names.js';

/** The protocols a Transfer Family server sends to its identity provider. */
export type TransferProtocol = 'SFTP' | 'FTP' | 'FTPS';

export const TRANSFER_PROTOCOLS: readonly TransferProtocol[] = ['SFTP', 'FTP', 'FTPS'];

/** What Transfer Family sends the custom identity provider for one login. */
export interface TransferIdpEvent {
  username: string;
  /** Missing or empty for SSH-key logins (SFTP only). */
  password?: string;
  protocol: TransferProtocol;
  serverId: string;
  sourceIp: string;
}

/** POSIX identity Transfer uses on EFS. */
export interface PosixProfile {
  Uid: number;
  Gid: number;
  SecondaryGids?: number[];
}

/** What the identity provider returns to allow a login. Deny is `{}`. */
export interface TransferIdpResponse {
  Role: string;
  /** Session policy, a JSON string of at most 2,048 characters. */
  Policy?: string;
  HomeDirectoryType?: 'PATH' | 'LOGICAL';
  HomeDirectory?: string;
  /** A JSON string `[{"Entry":"/","Target":"/bucket/prefix"}]`, never a list. */
  HomeDirectoryDetails?: string;
  PosixProfile?: PosixProfile;
  /** Only for SFTP key logins. */
  PublicKeys?: string[];
}

/** Checks an event's shape; returns the first problem (naming the field) or the typed event. */
export function parseTransferIdpEvent(
  input: unknown,
): { ok: true; event: TransferIdpEvent } | { ok: false; problem: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problem: 'event is not an object' };
  }
  const { username, password, protocol, serverId, sourceIp } = input as Record<string, unknown>;
  if (typeof username !== 'string' || !USER_NAME_PATTERN.test(username)) {
    return { ok: false, problem: `username must be 3-100 characters matching ${USER_NAME_PATTERN.source}` };
  }
  if (password !== undefined && password !== null && typeof password !== 'string') {
    return { ok: false, problem: 'password must be a string when present' };
  }
  if (typeof protocol !== 'string' || !(TRANSFER_PROTOCOLS as readonly string[]).includes(protocol)) {
    return { ok: false, problem: 'protocol must be one of SFTP, FTP, FTPS' };
  }
  if (typeof serverId !== 'string' || !SERVER_ID_PATTERN.test(serverId)) {
    return { ok: false, problem: 'serverId must be "s-" followed by 17 lowercase hex digits' };
  }
  if (typeof sourceIp !== 'string' || isIP(sourceIp) === 0) {
    return { ok: false, problem: 'sourceIp must be an IPv4 or IPv6 address' };
  }
  return {
    ok: true,
    event: {
      username,
      protocol: protocol as TransferProtocol,
      serverId,
      sourceIp,
      ...(typeof password === 'string' ? { password } : {}),
    },
  };
}
