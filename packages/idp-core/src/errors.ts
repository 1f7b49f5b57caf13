const MARKER: unique symbol = Symbol.for('closed-ftp.idp-core.error');

/** Base of every error idp-core throws on purpose; recognise one with `IdpError.isInstance(e)`. */
export class IdpError extends Error {
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
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class isInstance is called on, a subclass included.
    return Array.isArray(names) && names.includes(this.name);
  }
}

/** A configuration value the IdP cannot start with. */
export class IdpConfigurationError extends IdpError {}

/** A secret name template the IdP cannot use; `template` is the value given (a name pattern, not a secret). */
export class SecretNameTemplateError extends IdpConfigurationError {
  constructor(
    readonly template: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A PHC string that is not one we can verify: wrong shape, unknown algorithm, or parameters out of bounds. */
export class PasswordHashFormatError extends IdpError {}

/** A secret that cannot be used: the message names the key (`key`) and the fix, never the value. */
export class InvalidUserRecordError extends IdpError {
  constructor(
    /** The secret's key at fault (`Role`, `FTPPasswordHash`, ...), or `(secret)` for the secret as a whole. */
    readonly key: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${key}: ${message}`, options);
  }
}

/** A secret could not be read; logins fail closed. */
export class UserLookupError extends IdpError {}

/** The secret source did not answer within the lookup bound. */
export class UserLookupTimeoutError extends UserLookupError {}

/** The secret source refused for rate (ThrottlingException). */
export class UserLookupThrottledError extends UserLookupError {}

/** The local user store file cannot be read, is not JSON, or is not an object keyed by secret name. */
export class UserStoreFileError extends UserLookupError {
  constructor(
    /** The file's path (never its content: it holds credentials). */
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** `closed-ftp-user` cannot carry out the operator's request as given; the message says what to change. */
export class UserSecretError extends IdpError {}

/** `closed-ftp-user`: the user's existing secret is not a JSON object, so it cannot be updated key by key. */
export class UserSecretNotAnObjectError extends UserSecretError {}

/** `closed-ftp-user`: a protocol-prefixed password key would still decide logins after a password change. */
export class UserSecretOverriddenPasswordError extends UserSecretError {}

/** `closed-ftp-user`: a new user was given no IAM role. */
export class UserSecretRoleMissingError extends UserSecretError {}

/** `closed-ftp-user`: the changed secret would not be a usable record; `cause` is the `InvalidUserRecordError`. */
export class UserSecretInvalidRecordError extends UserSecretError {}

/** `closed-ftp-user`: a command line it cannot run (unknown command, bad or conflicting options). */
export class CliUsageError extends IdpError {}
