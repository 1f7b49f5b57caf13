/** A value the verify script needs is missing or malformed; the message names it and the fix. */
export class VerifyInputError extends Error {
  override readonly name = 'VerifyInputError';

  constructor(
    readonly input: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${input}: ${message}`, options);
  }
}

/** SSM Run Command could not run the probe on the client instance. */
export class RunCommandError extends Error {
  override readonly name = 'RunCommandError';
}
