const MARKER: unique symbol = Symbol.for('closed-ftp.transfer-emulator.error');

/** Base of every error the emulator throws on purpose; recognise one with `EmulatorError.isInstance(e)`. */
export class EmulatorError extends Error {
  /** This error's class names, most specific first: what `isInstance` checks. */
  readonly [MARKER]: readonly string[];

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    const names: string[] = [];
    for (let type: unknown = new.target; type !== Error; type = Object.getPrototypeOf(type)) {
      names.push((type as { name: string }).name);
    }
    this[MARKER] = names;
  }

  /** True for this class or a subclass, even from another copy of the package. */
  static isInstance<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    const names = (value as { [MARKER]?: unknown } | null | undefined)?.[MARKER];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass isInstance is called on, not EmulatorError
    return Array.isArray(names) && names.includes(this.name);
  }
}

/** A bad option passed to `startEmulator` or the CLI: the message names the option and the fix. */
export class EmulatorOptionError extends EmulatorError {
  constructor(
    readonly option: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${option}: ${message}`, options);
  }
}

/** A port the emulator needs is already taken (or not allowed) on this host. */
export class PortInUseError extends EmulatorError {
  constructor(
    readonly port: number,
    readonly host: string,
    options?: ErrorOptions,
  ) {
    super(
      `port ${port} on ${host} is not available: choose another with --port/--passive-ports (port 0 picks a free control port)`,
      options,
    );
  }
}

/** The `data-ports-blocked` fault could not set up its silent ports (the worker stopped, or a queue never filled). */
export class BlockedPortsSetupError extends EmulatorError {}

/** Thrown to a waiting session when every passive port stays busy for its client address, or the emulator closes. */
export class NoPassivePortError extends EmulatorError {}

/** The identity provider module could not be loaded or does not export a `handler` function. */
export class IdentityProviderLoadError extends EmulatorError {}

/** What the `idp-error` fault's handler throws: an identity provider that fails on every call. */
export class InjectedIdentityProviderError extends EmulatorError {}

/** A session policy returned by the identity provider that is not a policy document the emulator can evaluate. */
export class SessionPolicyError extends EmulatorError {}

/** A virtual path the user may not reach: outside every mapping, or through a symlink, or malformed. */
export class PathOutsideMappingError extends EmulatorError {}

/** A path with a NUL byte, a `..`/`.` segment or a separator inside a name. */
export class InvalidPathError extends PathOutsideMappingError {}

/** A path that goes through a symbolic link in the local folder: links are never followed. */
export class SymbolicLinkError extends PathOutsideMappingError {}

/** MKD, RMD or a rename of a LOGICAL entry (or a bucket): the mapping itself cannot change. */
export class LogicalDirectoryError extends PathOutsideMappingError {}

/** The object or folder does not exist in storage. */
export class StorageNotFoundError extends EmulatorError {}

/** The storage refused the operation; the subclass says why. */
export class StorageOperationError extends EmulatorError {}

/** RMD of a folder that still holds objects. */
export class FolderNotEmptyError extends StorageOperationError {}

/** MKD of a folder (or a file) that already exists. */
export class AlreadyExistsError extends StorageOperationError {}

/** A file operation (STOR, RETR, DELE) on a key that is a folder, or a folder operation on an object. */
export class WrongEntryTypeError extends StorageOperationError {}

/** An operation this storage cannot do (MFMT on S3, a rename across buckets). */
export class UnsupportedOperationError extends StorageOperationError {}

/** The storage backend itself failed (an S3 error other than not-found, a filesystem error). */
export class StorageBackendError extends StorageOperationError {}

/** An upload the client interrupted, with `interruptedUploads: 'discard'`: what storage gets instead of its end. */
export class InterruptedUploadError extends EmulatorError {}

/** The session policy returned by the identity provider does not allow this action on this resource. */
export class AccessDeniedError extends EmulatorError {}
