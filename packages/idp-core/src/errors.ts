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
