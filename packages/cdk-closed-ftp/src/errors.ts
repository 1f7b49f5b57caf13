import type { IConstruct } from 'constructs';

const MARKER: unique symbol = Symbol.for('closed-ftp.cdk-closed-ftp.error');

export interface ClosedFtpErrorOptions extends ErrorOptions {
  /** The construct the error is about (or its path): named in the message and in `constructPath`. */
  readonly scope?: IConstruct | string;
}

/** Base of every error cdk-closed-ftp throws on purpose; recognise one with `ClosedFtpError.isInstance(e)`. */
export class ClosedFtpError extends Error {
  /** This error's class names, most specific first: what `isInstance` checks. */
  readonly [MARKER]: readonly string[];
  /** The path of the construct the error is about, e.g. `Ftp/Server`, when known. */
  readonly constructPath?: string;

  constructor(message: string, options?: ClosedFtpErrorOptions) {
    const scope = options?.scope;
    const path = typeof scope === 'string' ? scope : scope?.node.path;
    super(path ? `${message} (at ${path})` : message, options);
    if (path) this.constructPath = path;
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

/** A construct prop or option has a value that cannot work; the message names the prop and the fix. */
export class InvalidPropError extends ClosedFtpError {
  /** The prop or option at fault, e.g. `ClosedFtpServerProps.certificate`. */
  readonly prop: string;

  constructor(prop: string, message: string, options?: ClosedFtpErrorOptions) {
    super(`${prop}: ${message}`, options);
    this.prop = prop;
  }
}
