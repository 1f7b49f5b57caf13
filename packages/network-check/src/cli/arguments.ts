import { parseArgs } from 'node:util';
import type { Severity } from '../catalog.js';
import { UsageError } from '../errors.js';
import { PROFILES, type Profile } from '../profiles.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const COMMANDS = ['template', 'cdk-out', 'live', 'snapshot', 'explain'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArguments {
  /** `usage`: no arguments at all (the usage goes to stderr and the exit status is 2). */
  command: Command | 'help' | 'usage' | 'version';
  positionals: string[];
  format: Format;
  failOn: Severity | 'none';
  profile: Profile;
  clientCidrs: string[];
  parameters: Record<string, string>;
  stacks: string[];
  region?: string;
  awsProfile?: string;
  servers: string[];
  clientInstances: string[];
  snapshotOut?: string;
}

export const USAGE = `Usage: network-check <command> [options]

Predicts whether AWS Transfer Family FTP/FTPS in a closed VPC will work, from configuration.

Commands:
  template <file>...       check CloudFormation template files (JSON or YAML)
  cdk-out [dir]            check every stack of a CDK cloud assembly (default ./cdk.out)
  live                     check a live account through read-only Describe calls
  snapshot <file>          check a snapshot written with --snapshot-out
  explain <rule-id>        print what a rule checks and how to fix it

Options:
  --client-cidr <cidr>[@<gateway>]
                           a client network not in the input (repeatable), e.g. 10.20.0.0/16; add
                           @<id> to say where it enters AWS: a transit gateway attachment, VPN
                           connection or VPN gateway (192.168.0.0/16@tgw-attach-0abc), else inferred
  --profile <name>         closed (default) or connected (VPC with NAT/internet)
  --fail-on <severity>     exit 1 on findings at or above: error (default), warning, info, none
  --format <format>        text (default), json, sarif, markdown, html (one page with a path diagram)
  --json                   same as --format json
  --snapshot-out <file>    also write the normalized topology to <file>
  --parameter <K=V>        template parameter value (template, repeatable)
  --stack <name>           only this stack (cdk-out, repeatable)
  --region <region>        live: the region to read (default AWS_REGION)
  --aws-profile <name>     live: the AWS profile for credentials
  --server <s-id>          live: only this Transfer server (repeatable)
  --client-instance <i-id> live: an EC2 instance that is an FTP client (repeatable)
  -h, --help               this text
  -v, --version            the version

Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or input error,
3 no client network (or no FTP server) found: the network path was not checked.`;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}.`);
}

function commandNamed(name: string): Command {
  if ((COMMANDS as readonly string[]).includes(name)) return name as Command;
  throw new UsageError(`Unknown command ${JSON.stringify(name)}; commands are ${COMMANDS.join(', ')}.`);
}

export function parseArguments(argv: string[]): CliArguments {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run network-check --help.`, { cause: error });
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const command: CliArguments['command'] = values.help
    ? 'help'
    : values.version
      ? 'version'
      : first === undefined
        ? 'usage'
        : commandNamed(first);
  const parameters: Record<string, string> = {};
  for (const pair of values.parameter ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--parameter ${JSON.stringify(pair)} must look like Name=value.`);
    parameters[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const result: CliArguments = {
    command,
    positionals: rest,
    format: values.json ? 'json' : oneOf(values.format ?? 'text', FORMATS, 'format'),
    failOn: oneOf(values['fail-on'] ?? 'error', ['error', 'warning', 'info', 'none'] as const, 'fail-on'),
    profile: oneOf(values.profile ?? 'closed', PROFILES, 'profile'),
    clientCidrs: values['client-cidr'] ?? [],
    parameters,
    stacks: values.stack ?? [],
    servers: values.server ?? [],
    clientInstances: values['client-instance'] ?? [],
  };
  if (values.region) result.region = values.region;
  if (values['aws-profile']) result.awsProfile = values['aws-profile'];
  if (values['snapshot-out']) result.snapshotOut = values['snapshot-out'];
  return result;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'client-cidr': { type: 'string', multiple: true },
      profile: { type: 'string' },
      'fail-on': { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      'snapshot-out': { type: 'string' },
      parameter: { type: 'string', multiple: true },
      stack: { type: 'string', multiple: true },
      region: { type: 'string' },
      'aws-profile': { type: 'string' },
      server: { type: 'string', multiple: true },
      'client-instance': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
