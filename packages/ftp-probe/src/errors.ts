import type { FtpReply } from './ftp/reply-parser.js';

const MARKER: unique symbol = Symbol.for('closed-ftp.ftp-probe.error');

/** Base of every error ftp-probe throws on purpose; recognise one with `ProbeError.isInstance(e)`. */
export class ProbeError extends Error {
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
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class isInstance was called on, a subclass included.
    return Array.isArray(names) && names.includes(this.name);
  }
}

/** A target the probe cannot use: names the field and the fix. */
export class TargetError extends ProbeError {
  constructor(
    message: string,
    /** The part of the target that is wrong: `target`, `user`, `password` or `path`. */
    readonly field: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An option the probe cannot use: names the option and the fix. */
export class ProbeOptionsError extends ProbeError {
  constructor(
    message: string,
    /** The option that is wrong, e.g. `timeoutMs` or `idpTest.serverId`. */
    readonly option: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A command line the `ftp-probe` CLI cannot run: exit code 2, with the message and a pointer to --help. */
export class UsageError extends ProbeError {}

/** Something did not happen within its deadline (a step's own, or what was left of the global one). */
export class DeadlineError extends ProbeError {
  constructor(
    /** What was waited for, e.g. `reply to PASS`. */
    readonly what: string,
    /** The budget it had; 0 when the global deadline had already run out. */
    readonly afterMs: number,
    options?: ErrorOptions,
  ) {
    super(
      afterMs > 0
        ? `${what}: no answer within ${afterMs} ms`
        : `${what}: not attempted, the global deadline had run out (raise --timeout)`,
      options,
    );
  }
}

/** The server closed the control or data connection when the probe still expected something. */
export class ConnectionClosedError extends ProbeError {}

/** The server sent a line that is not an FTP reply (not an FTP server, or a broken one). */
export class MalformedReplyError extends ProbeError {
  constructor(
    /** The offending line, as received (at most what the reply parser keeps). */
    readonly line: string,
    options?: ErrorOptions,
  ) {
    super(`server sent a line that is not an FTP reply: ${JSON.stringify(line.slice(0, 120))}`, options);
  }
}

/** The server answered with a reply code the step did not expect. */
export class UnexpectedReplyError extends ProbeError {
  constructor(
    readonly command: string,
    readonly reply: FtpReply,
    options?: ErrorOptions,
  ) {
    super(`${command}: ${reply.lines.join(' | ')}`, options);
  }
}

/** The server's certificate is not trusted, or names another host. */
export class CertificateRejectedError extends ProbeError {
  constructor(
    /** Node's verification error, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
    readonly reason: string,
    /** The certificate's subject common name. */
    readonly subject: string,
    options?: ErrorOptions,
  ) {
    super(
      `certificate rejected (${reason}) for ${subject}: pass the CA with --ca <file>, or --insecure to skip the check`,
      options,
    );
  }
}

/** The file read back in the write test differs from the file written. */
export class ChecksumMismatchError extends ProbeError {}

/** TestIdentityProvider answered, and the identity provider denied the user. */
export class IdentityProviderDeniedError extends ProbeError {}

/** The canary handler's environment is incomplete or wrong: names the variable and the fix, never a secret. */
export class CanaryConfigError extends ProbeError {
  constructor(
    message: string,
    /** The environment variable to fix, e.g. `FTP_HOST`. */
    readonly variable: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The canary could not read the user's password from Secrets Manager (missing, not allowed, no Password in it). */
export class CanarySecretError extends ProbeError {}
