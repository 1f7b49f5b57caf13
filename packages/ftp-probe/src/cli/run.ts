import { ProbeOptionsError, TargetError, UsageError } from '../errors.js';
import { probe } from '../probe.js';
import { parseTarget } from '../target.js';
import { VERSION } from '../version.js';
import { parseArguments, USAGE } from './arguments.js';
import { readPassword } from './password.js';
import { progressPrinter, renderVerdict } from './render.js';

/** Runs the CLI; returns the exit code (0 healthy, 1 failure found, 2 usage error). */
export async function runCli(argv: string[]): Promise<number> {
  const { stdout, stderr } = process;
  if (argv.length === 0) {
    stderr.write(`ftp-probe: missing target\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const args = parseArguments(argv);
    if (args.help) {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.version) {
      stdout.write(`${VERSION}\n`);
      return 0;
    }
    const target = parseTarget(args.target);
    const password = await readPassword(args.passwordStdin, `Password for ${target.user}@${target.host}: `);
    // With --json, stdout carries only the report; progress goes to stderr when someone watches it.
    const progressOut = args.json ? stderr : stdout;
    const onStep = !args.json || stderr.isTTY ? progressPrinter(progressOut) : undefined;
    const report = await probe(target, { ...args.options, password, ...(onStep ? { onStep } : {}) });
    if (args.json) stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else stdout.write(renderVerdict(report, stdout.isTTY === true && !process.env.NO_COLOR));
    return report.verdict === 'healthy' ? 0 : 1;
  } catch (error) {
    if (UsageError.isInstance(error) || TargetError.isInstance(error) || ProbeOptionsError.isInstance(error)) {
      stderr.write(`ftp-probe: ${error.message}\nRun ftp-probe --help for usage.\n`);
      return 2;
    }
    throw error;
  }
}
