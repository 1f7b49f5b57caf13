/** Every error network-check throws on purpose is a `NetworkCheckError`; its message names the input and the fix. */
const marker = Symbol.for('@closed-ftp/network-check/NetworkCheckError');

export class NetworkCheckError extends Error {
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Works across duplicated installs, where `instanceof` does not. */
  static isInstance(value: unknown): value is NetworkCheckError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/** A template, cdk.out folder or snapshot that cannot be read or parsed. */
export class InputError extends NetworkCheckError {}

/** A snapshot written by another (newer or older) model version. */
export class SnapshotVersionError extends InputError {}

/** A Describe call against a live account failed (credentials, permissions, region). */
export class LiveAccountError extends NetworkCheckError {}

/** A command line that cannot be run as given. */
export class UsageError extends NetworkCheckError {}
