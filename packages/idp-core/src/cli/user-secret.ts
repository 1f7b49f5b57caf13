import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  InvalidUserRecordError,
  UserSecretInvalidRecordError,
  UserSecretNotAnObjectError,
  UserSecretOverriddenPasswordError,
  UserSecretRoleMissingError,
} from '../errors.js';
import { TRANSFER_PROTOCOLS, type TransferProtocol } from '../event.js';
import { hashPassword, type PasswordHashAlgorithm, parsePasswordHash } from '../password-hash.js';
import { parseUserRecord } from '../user-record.js';

/** What an operator asks `closed-ftp-user put` to change; unset fields keep their current value. */
export interface UserChanges {
  role?: string;
  password?: string;
  /** Store `Password` in clear (the official template's key) instead of a `PasswordHash`. @default false */
  plainPassword?: boolean;
  /** @default 'scrypt' */
  algorithm?: PasswordHashAlgorithm;
  homeDirectory?: string;
  /** Logical mappings, `Entry` -> `Target`. */
  mappings?: { Entry: string; Target: string }[];
  allowedSourceCidrs?: string[];
  allowedProtocols?: TransferProtocol[];
  disabled?: boolean;
}

/** A user's record as an operator may see it: every setting, but no password, hash or key material. */
export interface UserSummary {
  secretName: string;
  arn?: string;
  lastChanged?: string;
  role?: string;
  credential: 'password-hash' | 'plain-password' | 'none';
  hashAlgorithm?: string;
  publicKeys: number;
  homeDirectory?: string;
  homeDirectoryDetails?: unknown;
  policy?: string;
  allowedSourceCidrs?: unknown;
  allowedProtocols?: unknown;
  disabled: boolean;
  posixProfile?: unknown;
  /** Why Transfer logins would be denied with this record, per protocol (empty when it is usable). */
  problems: string[];
}

export interface PutUserSecretOptions {
  /** Called with a progress line once the record is valid, before each slow step (hashing, writing). */
  onProgress?: (text: string) => void;
}

/** Reads a secret as a JSON object, or `undefined` when there is none. */
async function readSecret(client: SecretsManagerClient, secretName: string) {
  try {
    const output = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
    let secret: unknown;
    try {
      secret = JSON.parse(output.SecretString ?? '');
    } catch {
      // No `cause`: V8's JSON errors quote the text, which is secret.
      secret = undefined;
    }
    if (typeof secret !== 'object' || secret === null || Array.isArray(secret)) {
      throw new UserSecretNotAnObjectError(
        `secret ${secretName} exists but is not a JSON object; fix or delete it first`,
      );
    }
    return secret as Record<string, unknown>;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Creates the user's secret, or updates it keeping every key not changed. Validates before writing. */
export async function putUserSecret(
  client: SecretsManagerClient,
  secretName: string,
  changes: UserChanges,
  options: PutUserSecretOptions = {},
): Promise<{ created: boolean; summary: UserSummary }> {
  const existing = await readSecret(client, secretName);
  if (existing === undefined && changes.role === undefined) {
    throw new UserSecretRoleMissingError('a new user needs --role <IAM role ARN>');
  }
  const secret: Record<string, unknown> = { ...existing };
  if (changes.role !== undefined) secret.Role = changes.role;
  if (changes.password !== undefined) {
    // FTPPassword, SFTPPasswordHash, ... win over the generic keys: the old password would keep working.
    const overriding = TRANSFER_PROTOCOLS.flatMap((p) => [`${p}Password`, `${p}PasswordHash`]).filter(
      (key) => secret[key] !== undefined && secret[key] !== null && secret[key] !== '',
    );
    if (overriding.length > 0) {
      throw new UserSecretOverriddenPasswordError(
        `not saved: ${overriding.join(', ')} would still decide logins for ${overriding.length === 1 ? 'its protocol' : 'their protocols'}; remove ${overriding.length === 1 ? 'it' : 'them'} from the secret first`,
      );
    }
    delete secret.Password;
    delete secret.PasswordHash;
    // Validated with the password in clear, then hashed: a bad record is refused before the slow hash.
    secret.Password = changes.password;
  }
  if (changes.homeDirectory !== undefined) {
    delete secret.HomeDirectoryDetails;
    delete secret.HomeDirectoryType;
    secret.HomeDirectory = changes.homeDirectory;
  }
  if (changes.mappings !== undefined) {
    delete secret.HomeDirectory;
    secret.HomeDirectoryType = 'LOGICAL';
    // A string, as the official template stores it.
    secret.HomeDirectoryDetails = JSON.stringify(changes.mappings);
  }
  if (changes.allowedSourceCidrs !== undefined) secret.AllowedSourceCidrs = changes.allowedSourceCidrs;
  if (changes.allowedProtocols !== undefined) secret.AllowedProtocols = changes.allowedProtocols;
  if (changes.disabled !== undefined) secret.Disabled = changes.disabled;

  const protocols = Array.isArray(secret.AllowedProtocols)
    ? (secret.AllowedProtocols as TransferProtocol[])
    : ['FTP' as const];
  for (const protocol of protocols) {
    try {
      parseUserRecord(secret, protocol);
    } catch (error) {
      if (error instanceof InvalidUserRecordError) {
        throw new UserSecretInvalidRecordError(`not saved: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }

  if (changes.password !== undefined && !changes.plainPassword) {
    options.onProgress?.('hashing the password ...');
    delete secret.Password;
    secret.PasswordHash = await hashPassword(changes.password, { algorithm: changes.algorithm ?? 'scrypt' });
  }
  options.onProgress?.(`writing ${secretName} ...`);
  const SecretString = JSON.stringify(secret);
  if (existing === undefined) {
    await client.send(
      new CreateSecretCommand({ Name: secretName, SecretString, Description: 'AWS Transfer Family user (closed-ftp)' }),
    );
  } else {
    await client.send(new PutSecretValueCommand({ SecretId: secretName, SecretString }));
  }
  return { created: existing === undefined, summary: summarize(secretName, secret) };
}

/** Reads a user's record for display, without secret values; `undefined` when the user has no secret. */
export async function showUserSecret(
  client: SecretsManagerClient,
  secretName: string,
): Promise<UserSummary | undefined> {
  const secret = await readSecret(client, secretName);
  if (secret === undefined) return undefined;
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretName }));
  return {
    ...summarize(secretName, secret),
    ...(described.ARN === undefined ? {} : { arn: described.ARN }),
    ...(described.LastChangedDate === undefined ? {} : { lastChanged: described.LastChangedDate.toISOString() }),
  };
}

function summarize(secretName: string, secret: Record<string, unknown>): UserSummary {
  const hash = typeof secret.PasswordHash === 'string' ? secret.PasswordHash : undefined;
  let hashAlgorithm: string | undefined;
  try {
    hashAlgorithm = hash === undefined ? undefined : parsePasswordHash(hash).algorithm;
  } catch {
    hashAlgorithm = 'unreadable';
  }
  const keys = secret.PublicKey;
  const problems: string[] = [];
  for (const protocol of TRANSFER_PROTOCOLS) {
    try {
      parseUserRecord(secret, protocol);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const optional = (name: string, value: unknown) => (value === undefined ? {} : { [name]: value });
  return {
    secretName,
    ...optional('role', typeof secret.Role === 'string' ? secret.Role : undefined),
    credential: hash !== undefined ? 'password-hash' : secret.Password ? 'plain-password' : 'none',
    ...optional('hashAlgorithm', hashAlgorithm),
    publicKeys:
      typeof keys === 'string'
        ? keys.split(',').filter((k) => k.trim() !== '').length
        : Array.isArray(keys)
          ? keys.length
          : 0,
    ...optional('homeDirectory', secret.HomeDirectory),
    ...optional('homeDirectoryDetails', parseMaybe(secret.HomeDirectoryDetails)),
    ...optional(
      'policy',
      secret.Policy === undefined
        ? undefined
        : `set (${String(typeof secret.Policy === 'string' ? secret.Policy.length : JSON.stringify(secret.Policy).length)} characters)`,
    ),
    ...optional('allowedSourceCidrs', secret.AllowedSourceCidrs),
    ...optional('allowedProtocols', secret.AllowedProtocols),
    disabled: secret.Disabled === true || secret.Disabled === 'true',
    ...optional('posixProfile', parseMaybe(secret.PosixProfile)),
    problems: [...new Set(problems)],
  };
}

function parseMaybe(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
