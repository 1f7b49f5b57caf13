import type { FtpReply } from './ftp/reply-parser.js';

/** A target the probe cannot use: names the field and the fix. */
export class TargetError extends Error {
  override name = 'TargetError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** An option the probe cannot use: names the option and the fix. */
export class ProbeOptionsError extends Error {
  override name = 'ProbeOptionsError';
  constructor(
    message: string,
    readonly option: string,
  ) {
    super(message);
  }
}

/** Something did not happen within its deadline. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(
    readonly what: string,
    readonly afterMs: number,
  ) {
    super(
      afterMs > 0
        ? `${what}: no answer within ${afterMs} ms`
        : `${what}: not attempted, the global deadline had run out (raise --timeout)`,
    );
  }
}

/** The server closed the control or data connection when we still expected something. */
export class ConnectionClosedError extends Error {
  override name = 'ConnectionClosedError';
}

/** The server sent a line that is not an FTP reply. */
export class MalformedReplyError extends Error {
  override name = 'MalformedReplyError';
  constructor(readonly line: string) {
    super(`server sent a line that is not an FTP reply: ${JSON.stringify(line.slice(0, 120))}`);
  }
}

/** The server answered with a reply code the step did not expect. */
export class UnexpectedReplyError extends Error {
  override name = 'UnexpectedReplyError';
  constructor(
    readonly command: string,
    readonly reply: FtpReply,
  ) {
    super(`${command}: ${reply.lines.join(' | ')}`);
  }
}

/** The server's certificate is not trusted, or names another host. */
export class CertificateRejectedError extends Error {
  override name = 'CertificateRejectedError';
  constructor(
    readonly reason: string,
    readonly subject: string,
  ) {
    super(
      `certificate rejected (${reason}) for ${subject}: pass the CA with --ca <file>, or --insecure to skip the check`,
    );
  }
}

/** The file read back differs from the file written. */
export class ChecksumMismatchError extends Error {
  override name = 'ChecksumMismatchError';
}

/** TestIdentityProvider answered, and the identity provider denied the user. */
export class IdentityProviderDeniedError extends Error {
  override name = 'IdentityProviderDeniedError';
}
