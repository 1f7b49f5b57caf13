/** A construct prop or option has a value that cannot work; the message names the prop and the fix. */
export class InvalidPropError extends Error {
  override readonly name = 'InvalidPropError';
  /** The prop or option at fault, e.g. `ClosedFtpServerProps.certificate`. */
  readonly prop: string;

  constructor(prop: string, message: string, options?: ErrorOptions) {
    super(`${prop}: ${message}`, options);
    this.prop = prop;
  }

  /** True for an `InvalidPropError`, even from another copy of this package. */
  static isInstance(error: unknown): error is InvalidPropError {
    return error instanceof Error && error.name === 'InvalidPropError' && 'prop' in error;
  }
}
