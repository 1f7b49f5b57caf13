import { readFileSync } from 'node:fs';
import { checkTopology, hasFindingsAtOrAbove } from '../check.js';
import { coverageGap, describeCoverage } from '../coverage.js';
import { NetworkCheckError, UsageError } from '../errors.js';
import { loadCdkOut } from '../loaders/cdk-out.js';
import { parseTemplate } from '../loaders/cloudformation/parse-template.js';
import { stacksToTopology } from '../loaders/cloudformation/stacks-to-topology.js';
import { loadLiveAccount } from '../loaders/live.js';
import { loadSnapshot, writeSnapshot } from '../loaders/snapshot.js';
import { readInput } from '../loaders/template-file.js';
import type { Topology } from '../model.js';
import { formatHtml } from '../reporters/html.js';
import { formatJson } from '../reporters/json.js';
import { formatMarkdown } from '../reporters/markdown.js';
import { formatSarif } from '../reporters/sarif.js';
import { formatText } from '../reporters/text.js';
import { type CliArguments, parseArguments, USAGE } from './arguments.js';
import { explainRule } from './explain.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** What the CLI's exit status says (the README's table). */
export const EXIT = { clean: 0, findings: 1, usage: 2, incomplete: 3 } as const;

/**
 * Runs the CLI and returns its exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error,
 * 3 no client network (or no FTP server) found, so the network path was not checked.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseArguments(argv);
    if (args.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === 'usage') {
      io.stderr.write(`${USAGE}\n`);
      return EXIT.usage;
    }
    if (args.command === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (args.command === 'explain') {
      io.stdout.write(explainRule(args.positionals[0]));
      return 0;
    }
    const topology = await load(args, io);
    if (args.snapshotOut) await writeSnapshot(topology, args.snapshotOut);
    const findings = checkTopology(topology, { clientCidrs: args.clientCidrs, profile: args.profile });
    const coverage = describeCoverage(topology, args.clientCidrs);
    const colour = io.stdout.isTTY === true && !io.env.NO_COLOR;
    const report = {
      text: () => formatText(findings, { colour, coverage }),
      json: () => formatJson(findings, topology, coverage),
      sarif: () => formatSarif(findings, { toolVersion: version(), coverage }),
      markdown: () => formatMarkdown(findings, 'network-check', coverage),
      html: () => formatHtml(findings, topology, coverage, { clients: args.clientCidrs }),
    }[args.format]();
    io.stdout.write(report);
    // An unchecked path is its own answer, whatever else was found: neither "clean" nor "these are all the faults".
    if (coverageGap(coverage) !== undefined) return EXIT.incomplete;
    return args.failOn !== 'none' && hasFindingsAtOrAbove(findings, args.failOn) ? EXIT.findings : EXIT.clean;
  } catch (error) {
    if (NetworkCheckError.isInstance(error)) {
      io.stderr.write(`network-check: ${error.message}\n`);
      return EXIT.usage;
    }
    // Never exit 1 here: CI reads 1 as "findings", and a crash is not a verdict about the network.
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`network-check: unexpected error (${detail}); please report it with the input that caused it.\n`);
    return EXIT.usage;
  }
}

async function load(args: CliArguments, io: CliIo): Promise<Topology> {
  switch (args.command) {
    case 'template': {
      if (args.positionals.length === 0) throw new UsageError('template needs at least one template file.');
      const stacks = await Promise.all(
        args.positionals.map(async (file) => ({
          stackName: file.replace(/^.*[\\/]/, '').replace(/(\.template)?\.(json|ya?ml)$/, ''),
          file,
          template: parseTemplate(await readInput(file, 'template file'), file),
          parameters: args.parameters,
        })),
      );
      // Several files are several stacks: prefix ids so logical ids cannot collide.
      const prefixed = stacks.length > 1 ? stacks.map((s) => ({ ...s, idPrefix: `${s.stackName}/` })) : stacks;
      return stacksToTopology(prefixed, { kind: 'template', location: args.positionals.join(',') });
    }
    case 'cdk-out':
      return loadCdkOut(args.positionals[0] ?? 'cdk.out', args.stacks.length > 0 ? { stacks: args.stacks } : {});
    case 'snapshot': {
      const file = args.positionals[0];
      if (file === undefined) throw new UsageError('snapshot needs the snapshot file to check.');
      return loadSnapshot(file);
    }
    case 'live': {
      if (args.awsProfile) io.env.AWS_PROFILE = args.awsProfile;
      const progress = io.stderr.isTTY === true ? (step: string) => io.stderr.write(`\r\x1b[2K… ${step}`) : () => {};
      const topology = await loadLiveAccount({
        ...(args.region ? { region: args.region } : {}),
        ...(args.servers.length > 0 ? { serverIds: args.servers } : {}),
        clientInstanceIds: args.clientInstances,
        onProgress: progress,
      });
      if (io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
      return topology;
    }
  }
  throw new UsageError(`Unknown command ${args.command}.`);
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
