#!/usr/bin/env node
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EmulatorOptionError, IdentityProviderLoadError, PortInUseError } from './errors.js';
import { type BuiltInUser, builtInUsersIdentityProvider, parseBuiltInUser } from './identity/built-in-users.js';
import {
  type EmulatorLogRecord,
  type EmulatorOptions,
  FAULT_NAMES,
  type FaultName,
  resolveOptions,
} from './options.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';
import { LocalFolderStorage } from './storage/local-folder-storage.js';

const USAGE = `Usage: transfer-emulator --root <dir> --user <name:password> [--user ...] [options]
       transfer-emulator --root <dir> --idp <module|package> [options]

A local AWS Transfer Family FTP/FTPS endpoint. Ctrl-C stops it.

  --root <dir>                 with --user: the folder served as every user's home (created if missing);
                               with --idp: the folder holding the buckets (/bucket/key = <dir>/bucket/key)
  --user <name:password>       a user to serve (repeatable), instead of --idp
  --idp <module|package>       a module file, or a package installed here, exporting a Lambda-style \`handler\`
  --host <ip>                  address to listen on (default 127.0.0.1)
  --port <n>                   control port, 0 = any free port (default 2121)
  --passive-ports <from>-<to>  passive data ports (default 8192-8200)
  --passive-ip <AUTO|0.0.0.0|ip>  address in PASV replies (default AUTO)
  --server-id <id>             serverId sent to the IdP (default s-0123456789abcdef0)
  --fault <name>               inject a fault (repeatable): ${FAULT_NAMES.join(', ')}
  --ftps                       enable explicit FTPS (AUTH TLS) with a generated self-signed certificate
  --protocols <FTP,FTPS>       the server's protocols; FTPS alone refuses cleartext logins (default FTP, +FTPS with --ftps)
  --pre-auth-banner <text>     shown in the 220 greeting;  --post-auth-banner <text>  shown in the 230 reply
  --cert <file> --key <file>   PEM certificate and key for FTPS (implies --ftps)
  --tls-session-resumption <DISABLED|ENABLED|ENFORCED>  (default ENFORCED)
  --idp-timeout-ms <n>         handler time limit; slower = login denied (default 3000)
  --idle-timeout <seconds>     close idle sessions (default 1800)
  --unresponsive-timeout <s>   abort a transfer whose data connection moves nothing this long (default 600)
  --passive-timeout <seconds>  release a PASV/EPSV port no data connection used (default 60)
  --login-failure-delay-ms <n> each further failed login in a session waits n ms more (default 1000, 0 = off)
  --max-login-failures <n>     close the session after n failed logins (default 3)
  --interrupted-uploads <keep|discard>  what an interrupted upload leaves (default keep, as Transfer)
  --s3-endpoint <url>          store in an S3-compatible server instead of --root (credentials from the AWS env)
  --s3-region <region>         (default us-east-1)
  --log-format <text|json|transfer>  text lines (default), our JSON records, or Transfer's CloudWatch records
  --json                       the same as --log-format json
  --log-file <path>            append the log records to this file instead of stdout
  -h, --help                   show this help
  --version                    print the version

Exit codes: 0 stopped cleanly, 1 unexpected error, 2 bad option, 3 port in use, 4 IdP module unusable.`;

const EXIT = { unexpected: 1, badOption: 2, portInUse: 3, idp: 4 } as const;
const LOG_FORMATS = ['text', 'json', 'transfer'] as const;
type LogFormat = (typeof LOG_FORMATS)[number];

const SPEC = {
  root: { type: 'string' },
  user: { type: 'string', multiple: true },
  idp: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'passive-ports': { type: 'string' },
  'passive-ip': { type: 'string' },
  'server-id': { type: 'string' },
  fault: { type: 'string', multiple: true },
  ftps: { type: 'boolean' },
  protocols: { type: 'string' },
  'pre-auth-banner': { type: 'string' },
  'post-auth-banner': { type: 'string' },
  'unresponsive-timeout': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'tls-session-resumption': { type: 'string' },
  'idp-timeout-ms': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'passive-timeout': { type: 'string' },
  'login-failure-delay-ms': { type: 'string' },
  'max-login-failures': { type: 'string' },
  'interrupted-uploads': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  'log-format': { type: 'string' },
  json: { type: 'boolean' },
  'log-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** What the command line asks for, checked; nothing has been printed or created yet. */
interface RunPlan {
  options: EmulatorOptions;
  format: LogFormat;
  logFile: string | undefined;
  users: BuiltInUser[];
  /** With --user: the folder served, to create first if missing. */
  servedFolder: string | undefined;
}

function parsePortRange(text: string): { from: number; to: number } {
  const match = /^(\d+)-(\d+)$/.exec(text);
  if (!match) throw new EmulatorOptionError('--passive-ports', `expected <from>-<to> like 8192-8200, got ${text}`);
  return { from: Number(match[1]), to: Number(match[2]) };
}

function number(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new EmulatorOptionError(option, `expected a whole number, got ${text}`);
  return Number(text);
}

function readPem(option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new EmulatorOptionError(option, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function formatRecord(record: EmulatorLogRecord): string {
  const who = record.session ? `#${record.session} ${record.user ? `${record.user}@` : ''}${record.source}` : '';
  const parts = [record.time.slice(11, 19), who];
  if (record.event === 'command') {
    parts.push(`${record.command}${record.argument ? ` ${record.argument}` : ''} -> ${record.reply}`);
    if (record.bytes) parts.push(`${record.bytes} B`);
    parts.push(`${record.durationMs} ms`);
  } else {
    parts.push(record.event, record.message ?? '');
  }
  return parts.filter(Boolean).join(' ');
}

/** parseArgs' own messages, without any value they quote: a stray argument may be a password (`--user alice secret`). */
function argumentError(error: unknown): EmulatorOptionError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new EmulatorOptionError(
      'arguments',
      'unexpected argument: every value follows its option (--user takes name:password as one argument; see --help)',
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'(-[^'=\s]*)/.exec(message)?.[1] ?? 'an option';
    return new EmulatorOptionError('arguments', `unknown option ${option}: see --help for the options`);
  }
  return new EmulatorOptionError('arguments', `${message.replace(/\.?$/, '')} (see --help)`);
}

/** The folder --user serves: the bucket named after it, in a storage rooted at its parent. */
function servedBucket(folder: string): { parent: string; bucket: string } {
  const bucket = basename(folder);
  if (bucket === '' || bucket.startsWith('.')) {
    throw new EmulatorOptionError(
      '--root',
      `with --user, give a named folder like ./ftp-root (not / or a hidden folder)`,
    );
  }
  return { parent: dirname(folder), bucket };
}

function parseCommandLine(argv: string[]): RunPlan | 'help' | 'version' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof SPEC; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: SPEC, strict: true, allowPositionals: false });
  } catch (error) {
    throw argumentError(error);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const users = (v.user ?? []).map(parseBuiltInUser);
  if (users.length > 0 && v.idp !== undefined) {
    throw new EmulatorOptionError('--user/--idp', 'give one: --user for built-in users, --idp for your own IdP');
  }
  if (users.length === 0 && !v.idp) {
    throw new EmulatorOptionError(
      '--idp',
      'required: give --user <name:password> for built-in users, or --idp <module or package> exporting `handler`',
    );
  }
  if (users.length > 0 && v.root === undefined) {
    throw new EmulatorOptionError('--root', 'required with --user: the folder to serve, e.g. --root ./ftp-root');
  }
  if (users.length > 0 && v['s3-endpoint'] !== undefined) {
    throw new EmulatorOptionError('--user', 'serves the --root folder; with --s3-endpoint use --idp');
  }
  if ((v.cert === undefined) !== (v.key === undefined)) {
    throw new EmulatorOptionError('--cert/--key', 'give both, or neither to generate a self-signed certificate');
  }
  const format = v['log-format'] ?? (v.json ? 'json' : 'text');
  if (!(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new EmulatorOptionError('--log-format', `expected ${LOG_FORMATS.join(', ')}, got ${format}`);
  }
  if (v.json && format !== 'json') {
    throw new EmulatorOptionError('--json', `contradicts --log-format ${format}: give one of them`);
  }
  let servedFolder: string | undefined;
  let identity: Pick<EmulatorOptions, 'idp' | 'root' | 'storage'>;
  if (users.length > 0) {
    servedFolder = resolve(v.root!);
    const existing = statSync(servedFolder, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) {
      throw new EmulatorOptionError('--root', `${v.root} is a file: give a folder (it is created if missing)`);
    }
    const { parent, bucket } = servedBucket(existing ? realpathSync(servedFolder) : servedFolder);
    identity = { idp: builtInUsersIdentityProvider(users, bucket), storage: new LocalFolderStorage(parent) };
  } else {
    identity = { idp: v.idp!, ...(v.root !== undefined ? { root: v.root } : {}) };
  }
  const options: EmulatorOptions = {
    ...identity,
    ...(v.host !== undefined ? { host: v.host } : {}),
    ...(v.port !== undefined ? { port: number('--port', v.port) } : {}),
    ...(v['passive-ports'] !== undefined ? { passivePorts: parsePortRange(v['passive-ports']) } : {}),
    ...(v['passive-ip'] !== undefined ? { passiveIp: v['passive-ip'] } : {}),
    ...(v['server-id'] !== undefined ? { serverId: v['server-id'] } : {}),
    ...(v.fault ? { faults: v.fault as FaultName[] } : {}),
    ...(v.cert !== undefined && v.key !== undefined
      ? { ftps: { cert: readPem('--cert', v.cert), key: readPem('--key', v.key) } }
      : v.ftps
        ? { ftps: true }
        : {}),
    ...(v['tls-session-resumption'] !== undefined
      ? { tlsSessionResumption: v['tls-session-resumption'] as EmulatorOptions['tlsSessionResumption'] }
      : {}),
    ...(v['idp-timeout-ms'] !== undefined ? { idpTimeoutMs: number('--idp-timeout-ms', v['idp-timeout-ms']) } : {}),
    ...(v['idle-timeout'] !== undefined ? { idleTimeoutSeconds: number('--idle-timeout', v['idle-timeout']) } : {}),
    ...(v.protocols !== undefined
      ? { protocols: v.protocols.split(',').map((p) => p.trim().toUpperCase()) as EmulatorOptions['protocols'] }
      : {}),
    ...(v['pre-auth-banner'] !== undefined ? { preAuthBanner: v['pre-auth-banner'] } : {}),
    ...(v['post-auth-banner'] !== undefined ? { postAuthBanner: v['post-auth-banner'] } : {}),
    ...(v['unresponsive-timeout'] !== undefined
      ? { unresponsiveTimeoutSeconds: number('--unresponsive-timeout', v['unresponsive-timeout']) }
      : {}),
    ...(v['passive-timeout'] !== undefined
      ? { passiveTimeoutSeconds: number('--passive-timeout', v['passive-timeout']) }
      : {}),
    ...(v['login-failure-delay-ms'] !== undefined
      ? { loginFailureDelayMs: number('--login-failure-delay-ms', v['login-failure-delay-ms']) }
      : {}),
    ...(v['interrupted-uploads'] !== undefined
      ? { interruptedUploads: v['interrupted-uploads'] as EmulatorOptions['interruptedUploads'] }
      : {}),
    ...(v['max-login-failures'] !== undefined
      ? { maxLoginFailures: number('--max-login-failures', v['max-login-failures']) }
      : {}),
    ...(v['s3-endpoint'] !== undefined
      ? { storage: { type: 's3', endpoint: v['s3-endpoint'], region: v['s3-region'] ?? 'us-east-1' } }
      : {}),
  };
  // Every option checked now, before a folder is created or a line printed; startEmulator checks them again.
  resolveOptions(options);
  return { options, format: format as LogFormat, logFile: v['log-file'], users, servedFolder };
}

/** Where records go: stdout, or a file opened (append) before anything starts, so a bad path is a bad option. */
function openLogSink(logFile: string | undefined): { write(line: string): void; close(): void } {
  if (logFile === undefined) return { write: (line) => process.stdout.write(line), close: () => {} };
  let fd: number;
  try {
    fd = openSync(logFile, 'a');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new EmulatorOptionError('--log-file', `cannot append to ${logFile} (${code}): give a writable file path`, {
      cause: error,
    });
  }
  // Synchronous appends: records stay in order and none is lost when a second Ctrl-C exits at once.
  return { write: (line) => writeSync(fd, line), close: () => closeSync(fd) };
}

function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = EXIT.badOption;
    return;
  }
  let plan: RunPlan;
  let sink: ReturnType<typeof openLogSink>;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    if (parsed === 'version') {
      process.stdout.write(`${version()}\n`);
      return;
    }
    plan = parsed;
    sink = openLogSink(plan.logFile);
  } catch (error) {
    process.stderr.write(`transfer-emulator: ${(error as Error).message}\n`);
    process.exitCode = EXIT.badOption;
    return;
  }
  const { options, format } = plan;
  // Status lines go where records do not: stdout in text mode (and when records go to a file), else stderr.
  const status = (line: string) =>
    (format === 'text' || plan.logFile !== undefined ? process.stdout : process.stderr).write(`${line}\n`);
  if (plan.servedFolder !== undefined && !statSync(plan.servedFolder, { throwIfNoEntry: false })) {
    mkdirSync(plan.servedFolder, { recursive: true });
    process.stderr.write(`transfer-emulator: created ${plan.servedFolder} (it did not exist)\n`);
  }
  // Listening for signals before starting: a signal during startup closes the emulator as soon as it is up.
  let emulator: RunningEmulator | undefined;
  let stopping: NodeJS.Signals | undefined;
  const close = (running: RunningEmulator, signal: NodeJS.Signals) => {
    if (format === 'text') status(`transfer-emulator: ${signal}, closing sessions`);
    running.close().then(() => {
      sink.close();
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    });
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`transfer-emulator: ${signal} again, exiting now\n`);
      process.exit(EXIT.unexpected);
    }
    stopping = signal;
    // Sessions get 421 and half a second; the IdP module may hold timers or keep-alive sockets: none of it may keep
    // a stopped emulator alive.
    setTimeout(() => process.exit(), 3000).unref();
    if (emulator) close(emulator, signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const write = (record: EmulatorLogRecord) =>
    sink.write(`${format === 'json' ? JSON.stringify(record) : formatRecord(record)}\n`);
  try {
    emulator = await startEmulator({
      ...options,
      ...(format === 'transfer'
        ? { transferLogger: (record) => sink.write(`${JSON.stringify(record)}\n`) }
        : {
            logger: (record) => {
              if (record.event !== 'listening') write(record);
            },
          }),
    });
    const passive = `${emulator.passivePorts.from}-${emulator.passivePorts.to}`;
    const url = `ftp://${emulator.host}:${emulator.port}`;
    if (format === 'json') {
      const message = `${url} passive ${passive} server ${emulator.serverId}${emulator.certificate ? ' ftps' : ''}`;
      write({ time: new Date().toISOString(), level: 'info', event: 'listening', message });
    }
    if (format !== 'json' || plan.logFile !== undefined) {
      status(
        `transfer-emulator listening on ${url} (passive ${passive}, server ${emulator.serverId}${emulator.certificate ? ', FTPS' : ''}${options.faults?.length ? `, faults ${options.faults.join(',')}` : ''})`,
      );
    }
    // The password is the one given with --user: never printed, not even here.
    const user = plan.users[0]?.name ?? '<user>';
    const how = `connect: curl -u ${user}:<password> ${url}/${emulator.certificate ? ' --ssl-reqd -k' : ''}`;
    if (format === 'json') process.stderr.write(`${how}\n`);
    else status(how);
    if (stopping) close(emulator, stopping);
  } catch (error) {
    sink.close();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    process.stderr.write(`transfer-emulator: ${(error as Error).message}\n`);
    process.exitCode =
      error instanceof EmulatorOptionError
        ? EXIT.badOption
        : error instanceof PortInUseError
          ? EXIT.portInUse
          : error instanceof IdentityProviderLoadError
            ? EXIT.idp
            : EXIT.unexpected;
  }
}

// The SDK's notice that its 2027 releases need Node 22 is the README's Node policy, not part of every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await main();
