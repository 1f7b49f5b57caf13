const MARKER: unique symbol = Symbol.for('closed-ftp.idp-lambda.error');

/** Base of every error idp-lambda throws on purpose; recognise one with `IdpLambdaError.isInstance(e)`. */
export class IdpLambdaError extends Error {
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

/**
 * An environment variable the handler cannot start with; `variable` names it, and the message says what to set
 * (never the value, which may have been pasted from somewhere secret).
 */
export class HandlerConfigError extends IdpLambdaError {
  constructor(
    /** The environment variable at fault, e.g. `CACHE_TTL_SECONDS`. */
    readonly variable: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${variable} ${message}`, options);
  }
}
