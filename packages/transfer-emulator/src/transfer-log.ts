import { randomBytes } from 'node:crypto';

/**
 * The activity types of Transfer Family's JSON structured logs (user guide, cw-structure-logs). The emulator writes
 * all but CREATE_SYMLINK and SETSTAT, which are SFTP operations.
 */
export const TRANSFER_ACTIVITY_TYPES = [
  'AUTH_FAILURE',
  'CONNECTED',
  'DISCONNECTED',
  'ERROR',
  'EXIT_REASON',
  'CLOSE',
  'CREATE_SYMLINK',
  'DELETE',
  'MKDIR',
  'OPEN',
  'PARTIAL_CLOSE',
  'RENAME',
  'RMDIR',
  'SETSTAT',
  'TLS_RESUME_FAILURE',
] as const;
export type TransferActivityType = (typeof TRANSFER_ACTIVITY_TYPES)[number];

/**
 * One entry of Transfer Family's JSON structured logs, with AWS's field names (user guide, cw-structure-logs and
 * cw-example-logs); byte counts are strings, as in AWS's example. Never holds a password.
 */
export interface TransferLogRecord {
  'activity-type': TransferActivityType;
  'resource-arn': string;
  'session-id': string;
  role?: string;
  'source-ip'?: string;
  'home-dir'?: string;
  user?: string;
  method?: string;
  mode?: string;
  path?: string;
  'bytes-in'?: string;
  'bytes-out'?: string;
  message?: string;
}

export type TransferLogger = (record: TransferLogRecord) => void;

/** The server ARN in `resource-arn`: the emulator's region and account are fixed, like its Lambda context's. */
export function emulatorServerArn(serverId: string): string {
  return `arn:aws:transfer:us-east-1:000000000000:server/${serverId}`;
}

/** A session id like AWS's examples show (`9ca9a0e1cec6ad9d`: 16 hex digits). */
export function newTransferSessionId(): string {
  return randomBytes(8).toString('hex');
}

/** The `mode` of an OPEN, as AWS's example writes an upload's; a download is opened for reading. */
export const OPEN_MODE = { upload: 'CREATE|TRUNCATE|WRITE', download: 'READ' } as const;
