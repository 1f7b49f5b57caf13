import { InvalidUserRecordError, PasswordHashFormatError } from './errors.js';
import type { PosixProfile, TransferProtocol } from './event.js';
import { parsePasswordHash } from './password-hash.js';
import { parseSourceCidrs, type SourceCidrs } from './source-cidrs.js';

/** One user's settings for one protocol, read from their secret. */
export interface UserRecord {
  role: string;
  /** Plain-text password (the official template's `Password`). */
  password?: string;
  /** PHC string (`PasswordHash` extension); wins over `password` when both are set. */
  passwordHash?: ReturnType<typeof parsePasswordHash>;
  publicKeys: string[];
  policy?: string;
  homeDirectoryType?: 'PATH' | 'LOGICAL';
  homeDirectory?: string;
  /** Normalized JSON string of the logical mappings. */
  homeDirectoryDetails?: string;
  posixProfile?: PosixProfile;
  allowedSourceCidrs?: SourceCidrs;
  allowedProtocols?: TransferProtocol[];
  disabled: boolean;
}

export const MAX_POLICY_LENGTH = 2048;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/**
 * Reads a secret (JSON string or object) for a login over `protocol`. Keys prefixed with the protocol
 * (`FTPPassword`, `SFTPRole`, ...) win over plain ones, as in AWS's templates.
 */
export function parseUserRecord(secret: unknown, protocol: TransferProtocol): UserRecord {
  const fields = toObject(secret);
  const read = (key: string): { key: string; value: unknown } | undefined => {
    for (const name of [`${protocol}${key}`, key]) {
      const value = fields[name];
      if (value !== undefined && value !== null && value !== '') return { key: name, value };
    }
    return undefined;
  };
  const string = (key: string) => {
    const found = read(key);
    if (found === undefined) return undefined;
    if (typeof found.value !== 'string') throw new InvalidUserRecordError(found.key, 'must be a string');
    return { key: found.key, value: found.value };
  };

  const role = string('Role');
  if (role === undefined)
    throw new InvalidUserRecordError('Role', 'is required: set it to the IAM role ARN for the session');
  if (!ROLE_ARN.test(role.value.trim())) {
    throw new InvalidUserRecordError(role.key, 'must be an IAM role ARN like arn:aws:iam::123456789012:role/name');
  }
  const record: UserRecord = { role: role.value.trim(), publicKeys: [], disabled: readDisabled(read('Disabled')) };

  // A protocol-specific credential (hashed or plain) wins over every generic one.
  const credentialKeys = [`${protocol}PasswordHash`, `${protocol}Password`, 'PasswordHash', 'Password'];
  const credentialKey = credentialKeys.find(
    (key) => fields[key] !== undefined && fields[key] !== null && fields[key] !== '',
  );
  if (credentialKey !== undefined) {
    const value = fields[credentialKey];
    if (typeof value !== 'string') throw new InvalidUserRecordError(credentialKey, 'must be a string');
    if (credentialKey.endsWith('Hash')) {
      try {
        record.passwordHash = parsePasswordHash(value);
      } catch (error) {
        if (error instanceof PasswordHashFormatError) {
          throw new InvalidUserRecordError(credentialKey, `${error.message}; write it with closed-ftp-user`, {
            cause: error,
          });
        }
        throw error;
      }
    } else {
      record.password = value;
    }
  }

  const publicKey = read('PublicKey');
  if (publicKey !== undefined) record.publicKeys = stringList(publicKey.key, publicKey.value);

  const policy = read('Policy');
  if (policy !== undefined) record.policy = readPolicy(policy.key, policy.value);

  const type = string('HomeDirectoryType');
  if (type !== undefined) {
    if (type.value !== 'PATH' && type.value !== 'LOGICAL')
      throw new InvalidUserRecordError(type.key, 'must be PATH or LOGICAL');
    record.homeDirectoryType = type.value;
  }
  const details = read('HomeDirectoryDetails');
  const home = string('HomeDirectory');
  if (details !== undefined) {
    if (record.homeDirectoryType === 'PATH') {
      throw new InvalidUserRecordError(
        details.key,
        'needs HomeDirectoryType LOGICAL (or no HomeDirectoryType), not PATH',
      );
    }
    record.homeDirectoryType = 'LOGICAL';
    record.homeDirectoryDetails = readHomeDirectoryDetails(details.key, details.value);
  } else if (record.homeDirectoryType === 'LOGICAL') {
    throw new InvalidUserRecordError('HomeDirectoryDetails', 'is required when HomeDirectoryType is LOGICAL');
  }
  if (home !== undefined) {
    if (!home.value.startsWith('/')) {
      throw new InvalidUserRecordError(home.key, 'must start with / and name the bucket or file system: /bucket/path');
    }
    record.homeDirectory = home.value;
  }

  const posix = read('PosixProfile');
  if (posix !== undefined) record.posixProfile = readPosixProfile(posix.key, posix.value);

  const cidrs = read('AllowedSourceCidrs');
  if (cidrs !== undefined) {
    const parsed = parseSourceCidrs(stringList(cidrs.key, cidrs.value));
    if (!parsed.ok) {
      throw new InvalidUserRecordError(
        cidrs.key,
        `entry ${parsed.index + 1} is not an IPv4 or IPv6 CIDR like 10.0.0.0/16`,
      );
    }
    record.allowedSourceCidrs = parsed.cidrs;
  }

  const protocols = read('AllowedProtocols');
  if (protocols !== undefined) {
    const list = stringList(protocols.key, protocols.value).map((p) => p.toUpperCase());
    const bad = list.findIndex((p) => p !== 'SFTP' && p !== 'FTP' && p !== 'FTPS');
    if (bad >= 0) throw new InvalidUserRecordError(protocols.key, `entry ${bad + 1} must be SFTP, FTP or FTPS`);
    record.allowedProtocols = list as TransferProtocol[];
  }
  return record;
}

function toObject(secret: unknown): Record<string, unknown> {
  let value = secret;
  if (typeof secret === 'string') {
    try {
      value = JSON.parse(secret);
    } catch {
      // No `cause`: V8's JSON errors quote the text, which is secret.
      throw new InvalidUserRecordError('(secret)', 'is not valid JSON: store a JSON object of keys');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidUserRecordError('(secret)', 'must be a JSON object of keys (Role, Password, ...)');
  }
  return value as Record<string, unknown>;
}

function readDisabled(found: { key: string; value: unknown } | undefined): boolean {
  if (found === undefined) return false;
  if (found.value === true || found.value === 'true') return true;
  if (found.value === false || found.value === 'false') return false;
  throw new InvalidUserRecordError(found.key, 'must be true or false');
}

/** A list, or a comma-separated string (the console's key/value editor only writes strings). */
function stringList(key: string, value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    throw new InvalidUserRecordError(key, 'must be a list of strings or a comma-separated string');
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function readPolicy(key: string, value: unknown): string {
  let text: string;
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
    } catch {
      // No `cause`: V8's JSON errors quote the text, which is secret.
      throw new InvalidUserRecordError(key, 'must be a JSON policy document');
    }
    text = value;
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    text = JSON.stringify(value);
  } else {
    throw new InvalidUserRecordError(key, 'must be a JSON policy document (object or string)');
  }
  if (text.length > MAX_POLICY_LENGTH) {
    throw new InvalidUserRecordError(
      key,
      `is ${text.length} characters; Transfer accepts at most ${MAX_POLICY_LENGTH}: shorten it or use \${transfer:...} variables`,
    );
  }
  return text;
}

function readHomeDirectoryDetails(key: string, value: unknown): string {
  let entries = value;
  if (typeof value === 'string') {
    try {
      entries = JSON.parse(value);
    } catch {
      // No `cause`: V8's JSON errors quote the text, which is secret.
      throw new InvalidUserRecordError(key, 'must be JSON like [{"Entry":"/","Target":"/bucket/prefix"}]');
    }
  }
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new InvalidUserRecordError(key, 'must be a non-empty list like [{"Entry":"/","Target":"/bucket/prefix"}]');
  }
  const normalized = entries.map((entry, index) => {
    const { Entry, Target } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const at = `entry ${index + 1}`;
    if (typeof Entry !== 'string' || !Entry.startsWith('/')) {
      throw new InvalidUserRecordError(key, `${at}: Entry must be a path starting with /`);
    }
    if (typeof Target !== 'string' || !Target.startsWith('/') || (Target.length > 1 && Target.endsWith('/'))) {
      throw new InvalidUserRecordError(key, `${at}: Target must start with / and not end with / (like /bucket/prefix)`);
    }
    return { Entry, Target };
  });
  return JSON.stringify(normalized);
}

function readPosixProfile(key: string, value: unknown): PosixProfile {
  let profile = value;
  if (typeof value === 'string') {
    try {
      profile = JSON.parse(value);
    } catch {
      // No `cause`: V8's JSON errors quote the text, which is secret.
      throw new InvalidUserRecordError(key, 'must be JSON like {"Uid":1000,"Gid":1000}');
    }
  }
  const { Uid, Gid, SecondaryGids } = (typeof profile === 'object' && profile !== null ? profile : {}) as Record<
    string,
    unknown
  >;
  const id = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 4294967295;
  if (!id(Uid) || !id(Gid)) throw new InvalidUserRecordError(key, 'needs whole-number Uid and Gid');
  if (SecondaryGids !== undefined && !(Array.isArray(SecondaryGids) && SecondaryGids.every(id))) {
    throw new InvalidUserRecordError(key, 'SecondaryGids must be a list of whole numbers');
  }
  return { Uid, Gid, ...(SecondaryGids === undefined ? {} : { SecondaryGids: SecondaryGids as number[] }) };
}
