export {
  type AllowReason,
  type AuthenticateDeps,
  authenticate,
  type Decision,
  type DenyReason,
} from './authenticate.js';
export {
  CliUsageError,
  IdpConfigurationError,
  IdpError,
  InvalidUserRecordError,
  PasswordHashFormatError,
  SecretNameTemplateError,
  UserLookupError,
  UserLookupThrottledError,
  UserLookupTimeoutError,
  UserSecretError,
  UserSecretInvalidRecordError,
  UserSecretNotAnObjectError,
  UserSecretOverriddenPasswordError,
  UserSecretRoleMissingError,
  UserStoreFileError,
} from './errors.js';
export {
  type PosixProfile,
  parseTransferIdpEvent,
  TRANSFER_PROTOCOLS,
  type TransferIdpEvent,
  type TransferIdpResponse,
  type TransferProtocol,
} from './event.js';
export {
  DEFAULT_ARGON2ID,
  DEFAULT_SCRYPT,
  DUMMY_PASSWORD_HASHES,
  type HashPasswordOptions,
  hashPassword,
  type PasswordHashAlgorithm,
  parsePasswordHash,
  verifyPassword,
} from './password-hash.js';
export { toTransferResponse } from './response.js';
export { checkSecretNameTemplate, DEFAULT_SECRET_NAME_TEMPLATE, secretNameFor } from './secret-name.js';
export { parseSourceCidrs, type SourceCidrs } from './source-cidrs.js';
export { InMemoryUserStore } from './stores/in-memory-user-store.js';
export { JsonFileUserStore } from './stores/json-file-user-store.js';
export { SecretsManagerUserStore, type SecretsManagerUserStoreOptions } from './stores/secrets-manager-user-store.js';
export type { UserLookup, UserStore } from './stores/user-store.js';
export { SERVER_ID_PATTERN, USER_NAME_PATTERN } from './transfer-names.js';
export { MAX_POLICY_LENGTH, parseUserRecord, type UserRecord } from './user-record.js';
