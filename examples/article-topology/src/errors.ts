const MARKER: unique symbol = Symbol.for('closed-ftp.article-topology.error');

/** Base of every error the example's scripts throw on purpose; recognise one with `ArticleTopologyError.isInstance(e)`. */
export class ArticleTopologyError extends Error {
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

/** A value the verify script needs is missing or malformed; the message names it and the fix. */
export class VerifyInputError extends ArticleTopologyError {
  /** The input at fault: a flag, a file, a stack output. */
  readonly input: string;

  constructor(input: string, message: string, options?: ErrorOptions) {
    super(`${input}: ${message}`, options);
    this.input = input;
  }
}

/** SSM Run Command could not run the probe on the client instance. */
export class RunCommandError extends ArticleTopologyError {}

/** CloudWatch Logs could not say how the canary's last run went. */
export class CanaryResultError extends ArticleTopologyError {}
