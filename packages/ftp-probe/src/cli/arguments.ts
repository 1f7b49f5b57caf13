import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { ProbeOptions } from '../options.js';

export const USAGE = `Usage: ftp-probe ftp://user@host[:port] [options]      (ftps:// for explicit FTPS)

Proves an FTP/FTPS endpoint works: DNS, TCP 21, banner, TLS, login, EPSV and PASV with their data
connections, a listing, and optionally a write test. Each step is timed; the first failure is
diagnosed with ranked causes and fixes.

Password (never on the command line):
  --password-stdin          read it from standard input (first line)
  FTP_PASSWORD=...          or from this environment variable
                            otherwise you are prompted (no echo) when on a terminal

Options:
  --timeout <seconds>       global deadline (default 30); the probe never runs longer
  --write                   upload a small unique file, read it back, compare, delete it
  --json                    print the full report as JSON on standard output
  --ca <file>               trust this CA certificate (PEM) for FTPS
  --insecure                do not verify the FTPS certificate (reported as a finding)
  --server-id <s-...>       also call Transfer's TestIdentityProvider for the user
  --region <region>         AWS Region for --server-id (default: from the environment)
  --source-ip <ipv4>        source IP to pass to TestIdentityProvider
  --transfer-endpoint <url> Transfer API endpoint (e.g. a VPC interface endpoint)
  -h, --help                show this help
  --version                 show the version

Exit codes: 0 healthy, 1 the probe found a failure, 2 usage error.`;

export interface CliArguments {
  target: string;
  passwordStdin: boolean;
  json: boolean;
  help: boolean;
  version: boolean;
  options: Omit<ProbeOptions, 'password'>;
}

export function parseArguments(argv: string[]): CliArguments {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/--password\b|--pass\b/.test(argv.join(' '))) {
      throw new UsageError('passwords are never accepted as arguments: use --password-stdin or FTP_PASSWORD');
    }
    throw new UsageError(message.replace(/\. To specify.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const version = values.version === true;
  if (help || version) {
    return { target: '', passwordStdin: false, json: false, help, version, options: {} };
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'missing target: ftp-probe ftp://user@host[:port]'
        : `one target only, got ${positionals.length}`,
    );
  }
  const options: CliArguments['options'] = { write: values.write === true };
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
      throw new UsageError(`--timeout "${values.timeout}" must be a number of seconds between 0 and 3600`);
    }
    options.timeoutMs = Math.round(seconds * 1000);
  }
  if (values.ca !== undefined || values.insecure) {
    let ca: string | undefined;
    if (values.ca !== undefined) {
      try {
        ca = readFileSync(values.ca, 'utf8');
      } catch {
        throw new UsageError(`--ca ${values.ca}: cannot read the file (give a PEM certificate file)`);
      }
    }
    options.tls = { ...(ca ? { ca } : {}), insecure: values.insecure === true };
  }
  if (values['server-id'] !== undefined) {
    options.idpTest = {
      serverId: values['server-id'],
      ...(values.region ? { region: values.region } : {}),
      ...(values['source-ip'] ? { sourceIp: values['source-ip'] } : {}),
      ...(values['transfer-endpoint'] ? { endpoint: values['transfer-endpoint'] } : {}),
    };
  } else if (values.region || values['source-ip'] || values['transfer-endpoint']) {
    throw new UsageError('--region, --source-ip and --transfer-endpoint need --server-id');
  }
  return {
    target: positionals[0]!,
    passwordStdin: values['password-stdin'] === true,
    json: values.json === true,
    help,
    version,
    options,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'password-stdin': { type: 'boolean' },
      timeout: { type: 'string' },
      write: { type: 'boolean' },
      json: { type: 'boolean' },
      ca: { type: 'string' },
      insecure: { type: 'boolean' },
      'server-id': { type: 'string' },
      region: { type: 'string' },
      'source-ip': { type: 'string' },
      'transfer-endpoint': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
}
