// What each secret key and each IdP environment variable means. Which keys and variables exist, and their
// defaults, are read from the packages themselves at build time; the build fails when one here is not read by the
// IdP, or one the IdP reads is missing here.

/** Secret keys: `source` is `official` (AWS's Secrets Manager template) or `extension` (closed-ftp). */
export const SECRET_KEYS = {
  Role: { source: 'official', meaning: 'IAM role ARN Transfer assumes for the session. Required.' },
  Password: { source: 'official', meaning: 'plain-text password, compared in constant time' },
  PublicKey: { source: 'official', meaning: 'SSH public keys, comma-separated (or a list); SFTP key logins only' },
  Policy: {
    source: 'official',
    meaning: 'session policy, JSON string or object; at most 2,048 characters once a string',
  },
  HomeDirectoryDetails: {
    source: 'official',
    meaning:
      'logical mappings `[{"Entry":"/","Target":"/bucket/prefix"}]`, list or JSON string; forces `LOGICAL`. `Entry` starts with `/`; `Target` starts with `/` and does not end with `/`. Transfer receives it as a JSON **string**.',
  },
  HomeDirectory: {
    source: 'official',
    meaning: '`/bucket/path` (S3) or `/fs-id/path` (EFS), returned when there are no logical mappings',
  },
  PasswordHash: {
    source: 'extension',
    meaning:
      'PHC string: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` or `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (unpadded base64); wins over `Password`',
  },
  AllowedSourceCidrs: { source: 'extension', meaning: 'IPv4/IPv6 CIDR blocks, list or comma-separated string' },
  AllowedProtocols: { source: 'extension', meaning: '`SFTP`, `FTP`, `FTPS`, list or comma-separated string' },
  Disabled: { source: 'extension', meaning: '`true` / `false` (boolean or string): turn logins off without deleting' },
  PosixProfile: {
    source: 'extension',
    meaning: '`{"Uid":1000,"Gid":1000,"SecondaryGids":[...]}` (object or JSON string), for EFS',
  },
  HomeDirectoryType: {
    source: 'extension',
    meaning: '`PATH` or `LOGICAL`; `LOGICAL` needs `HomeDirectoryDetails`, `PATH` forbids it',
  },
};

/** Environment variables of the handler: `field` is the `readHandlerConfig()` field holding the value. */
export const HANDLER_VARIABLES = {
  SECRET_NAME_TEMPLATE: {
    field: 'secretNameTemplate',
    meaning: "where each user's secret is; must contain `{username}`",
  },
  ALLOWED_SERVER_IDS: {
    field: 'allowedServerIds',
    meaning: 'comma-separated server ids allowed to use this IdP (empty: any server)',
  },
  CACHE_TTL_SECONDS: { field: 'cacheTtlSeconds', meaning: 'how long a found secret is reused (0 = no cache)' },
  NEGATIVE_CACHE_TTL_SECONDS: { field: 'negativeCacheTtlSeconds', meaning: 'how long "no such user" is reused' },
  SECRET_LOOKUP_TIMEOUT_MS: {
    field: 'lookupTimeoutMs',
    meaning: 'bound on one lookup, SDK retries included (keep it well under the Lambda timeout)',
  },
  MISMATCH_REFRESH_INTERVAL_SECONDS: {
    field: 'refreshIntervalSeconds',
    meaning: "after a password mismatch against a cached secret, re-read the user's secret at most this often",
  },
  PASSWORD_HASH_ALGORITHM: {
    field: 'passwordHashAlgorithm',
    meaning: "the algorithm of your users' `PasswordHash`es, so a denial takes as long as a wrong password",
  },
  USER_STORE_FILE: {
    field: 'userStoreFile',
    meaning:
      '**local use only** (demo, emulator): read users from a JSON file `{ "<secret name>": {...} }` instead of Secrets Manager. Never set it in AWS.',
  },
};

/** Read by Powertools for AWS Lambda, not by our code (so they cannot be discovered from it). */
export const POWERTOOLS_VARIABLES = {
  POWERTOOLS_LOG_LEVEL: { fallback: 'INFO', meaning: 'log level, `TRACE` ... `SILENT`' },
  POWERTOOLS_SERVICE_NAME: { fallback: 'closed-ftp-idp', meaning: '`service` in logs and metrics' },
  POWERTOOLS_METRICS_NAMESPACE: { fallback: 'ClosedFtp', meaning: 'CloudWatch metrics namespace' },
  POWERTOOLS_METRICS_DISABLED: { fallback: 'false', meaning: '`true` turns metrics off' },
};
