const MARKER: unique symbol = Symbol.for('closed-ftp.network-check.error');

/**
 * Base of every error network-check throws on purpose; its message names the input and the fix. Recognise one with
 * `NetworkCheckError.isInstance(e)` (or `InputError.isInstance(e)`...), which works across duplicated installs.
 */
export class NetworkCheckError extends Error {
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

/** An input (template, cdk.out folder, snapshot) that cannot be read or used. */
export class InputError extends NetworkCheckError {}

/** An input file that cannot be read (missing, a folder, no permission). */
export class InputFileError extends InputError {}

/** A template that is neither valid JSON nor valid YAML. The message gives the position, never the contents. */
export class TemplateSyntaxError extends InputError {}

/** A parsed file that is not a CloudFormation template (no `Resources` object). */
export class TemplateShapeError extends InputError {}

/** A cdk.out folder whose manifest cannot be used. */
export class CloudAssemblyError extends InputError {}

/** A cloud assembly manifest naming a file or folder outside the assembly folder. */
export class AssemblyPathError extends CloudAssemblyError {}

/** A cloud assembly without the stacks asked for (or without any stack). */
export class StackNotFoundError extends CloudAssemblyError {}

/** A snapshot file that is not a network-check snapshot. */
export class SnapshotError extends InputError {}

/** A snapshot written by another (newer or older) model version. */
export class SnapshotVersionError extends SnapshotError {}

/** An input that would take more work to resolve than any real template needs (hostile or generated input). */
export class WorkBudgetError extends InputError {}

/** A file network-check was asked to write (a snapshot, a report) that cannot be written. */
export class OutputFileError extends NetworkCheckError {}

/** Reading a live account failed. */
export class LiveAccountError extends NetworkCheckError {}

/** Live mode has no AWS Region to read. */
export class LiveRegionError extends LiveAccountError {}

/** A Describe call against the live account failed (permissions, throttling, credentials). */
export class LiveCallError extends LiveAccountError {}

/** Arguments (a command line or library options) that cannot be run as given. */
export class UsageError extends NetworkCheckError {}

/** A client network (`--client-cidr`, `clientCidrs`) that is not an IPv4 CIDR block. */
export class ClientCidrError extends UsageError {}

/** The drift check's environment holds a variable it cannot use (`DRIFT_PROFILE`, `DRIFT_SERVER_IDS`). */
export class DriftConfigError extends UsageError {}
