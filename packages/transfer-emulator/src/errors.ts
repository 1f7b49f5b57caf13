/** A bad option passed to `startEmulator` or the CLI: the message names the option and the fix. */
export class EmulatorOptionError extends Error {
  override name = 'EmulatorOptionError';
  constructor(
    readonly option: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${option}: ${message}`, options);
  }
}

/** A port the emulator needs is already taken (or not allowed) on this host. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
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

/** The identity provider module could not be loaded or does not export a `handler` function. */
export class IdentityProviderLoadError extends Error {
  override name = 'IdentityProviderLoadError';
}

/** A virtual path the user may not reach: outside every mapping, or through a symlink, or malformed. */
export class PathOutsideMappingError extends Error {
  override name = 'PathOutsideMappingError';
}

/** The object or folder does not exist in storage. */
export class StorageNotFoundError extends Error {
  override name = 'StorageNotFoundError';
}

/** The storage refused the operation (not empty, exists, unsupported, backend error). */
export class StorageOperationError extends Error {
  override name = 'StorageOperationError';
}

/** The session policy returned by the identity provider does not allow this action on this resource. */
export class AccessDeniedError extends Error {
  override name = 'AccessDeniedError';
}
