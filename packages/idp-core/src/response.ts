import type { TransferIdpResponse } from './event.js';
import type { UserRecord } from './user-record.js';

/** The answer Transfer gets for an allowed login. Never carries a password; keys only for SFTP key logins. */
export function toTransferResponse(record: UserRecord, options: { publicKeys: boolean }): TransferIdpResponse {
  const response: TransferIdpResponse = { Role: record.role };
  if (record.policy !== undefined) response.Policy = record.policy;
  if (record.homeDirectoryDetails !== undefined) {
    response.HomeDirectoryType = 'LOGICAL';
    response.HomeDirectoryDetails = record.homeDirectoryDetails;
  } else if (record.homeDirectory !== undefined) {
    response.HomeDirectory = record.homeDirectory;
    if (record.homeDirectoryType !== undefined) response.HomeDirectoryType = record.homeDirectoryType;
  } else if (record.homeDirectoryType !== undefined) {
    response.HomeDirectoryType = record.homeDirectoryType;
  }
  if (record.posixProfile !== undefined) response.PosixProfile = record.posixProfile;
  if (options.publicKeys) response.PublicKeys = record.publicKeys;
  return response;
}
