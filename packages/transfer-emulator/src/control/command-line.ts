/** One parsed control-connection line. */
export interface CommandLine {
  /** Upper-case command name, e.g. `RETR`. */
  verb: string;
  /** Everything after the first space, unchanged (file names may contain spaces). */
  argument: string;
}

const VERB = /^[A-Za-z]{3,4}$/;

/** Parses `VERB [argument]`; returns undefined for a line that is not a command (answered with 500). */
export function parseCommandLine(line: string): CommandLine | undefined {
  const space = line.indexOf(' ');
  const verb = space === -1 ? line : line.slice(0, space);
  if (!VERB.test(verb)) return undefined;
  return { verb: verb.toUpperCase(), argument: space === -1 ? '' : line.slice(space + 1) };
}
