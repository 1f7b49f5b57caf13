export { UNROUTABLE_PASSIVE_IP } from './control/ftp-session.js';
export {
  AccessDeniedError,
  AlreadyExistsError,
  BlockedPortsSetupError,
  EmulatorError,
  EmulatorOptionError,
  FolderNotEmptyError,
  IdentityProviderLoadError,
  InjectedIdentityProviderError,
  InterruptedUploadError,
  InvalidPathError,
  LogicalDirectoryError,
  NoPassivePortError,
  PathOutsideMappingError,
  PortInUseError,
  SessionPolicyError,
  StorageBackendError,
  StorageNotFoundError,
  StorageOperationError,
  SymbolicLinkError,
  UnsupportedOperationError,
  WrongEntryTypeError,
} from './errors.js';
export type {
  IdentityProvider,
  IdentityProvider as IdpFunction,
  TransferIdpEvent,
  TransferIdpResponse,
} from './identity/identity-provider.js';
export { SessionPolicy } from './identity/session-policy.js';
export {
  type EmulatorLogger,
  type EmulatorLogRecord,
  type EmulatorOptions,
  FAULT_NAMES,
  type FaultName,
  type TlsSessionResumptionMode,
} from './options.js';
export { type RunningEmulator, startEmulator } from './start-emulator.js';
export { LocalFolderStorage } from './storage/local-folder-storage.js';
// S3Storage itself stays internal so that importing the package does not load the AWS SDK.
export type { S3StorageOptions } from './storage/s3-storage.js';
export type { Storage, StorageEntry } from './storage/storage.js';
export {
  TRANSFER_ACTIVITY_TYPES,
  type TransferActivityType,
  type TransferLogger,
  type TransferLogRecord,
} from './transfer-log.js';
