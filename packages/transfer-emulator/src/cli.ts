#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EmulatorOptionError, IdentityProviderLoadError, PortInUseError } from './errors.js';
import { type EmulatorLogRecord, type EmulatorOptions, FAULT_NAMES, type FaultName } from './options.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';

const USAGE = `Usage: transfer-emulator --root <dir> --idp <module> [options]

A local AWS Transfer Family FTP/FTPS endpoint. Ctrl-C stops it.

  --root <dir>                 folder holding the buckets (/bucket/key = <dir>/bucket/key)
  --idp <module>               JavaScript module exporting a Lambda-style \`handler\`
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
  --json                       log one JSON object per line
  --help                       show this help

Exit codes: 0 stopped cleanly, 1 unexpected error, 2 bad option, 3 port in use, 4 IdP module unusable.`;

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

function parseCommandLineOptions(argv: string[]): { options: EmulatorOptions; json: boolean } | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; strict: true }>>;
  const spec = {
    root: { type: 'string' },
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
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false });
  } catch (error) {
    throw new EmulatorOptionError('arguments', `${(error as Error).message} (see --help)`, { cause: error });
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (!v.idp) throw new EmulatorOptionError('--idp', 'required: the path of a module exporting `handler`');
  if ((v.cert === undefined) !== (v.key === undefined)) {
    throw new EmulatorOptionError('--cert/--key', 'give both, or neither to generate a self-signed certificate');
  }
  const options: EmulatorOptions = {
    idp: v.idp,
    ...(v.root !== undefined ? { root: v.root } : {}),
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
  return { options, json: v.json === true };
}

const EXIT = { unexpected: 1, badOption: 2, portInUse: 3, idp: 4 } as const;

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCommandLineOptions>;
  try {
    parsed = parseCommandLineOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`transfer-emulator: ${(error as Error).message}\n`);
    process.exitCode = EXIT.badOption;
    return;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options, json } = parsed;
  const write = (record: EmulatorLogRecord) =>
    process.stdout.write(`${json ? JSON.stringify(record) : formatRecord(record)}\n`);
  // Listening for signals before starting: a signal during startup closes the emulator as soon as it is up.
  let emulator: RunningEmulator | undefined;
  let stopping: NodeJS.Signals | undefined;
  const close = (running: RunningEmulator, signal: NodeJS.Signals) => {
    if (!json) process.stdout.write(`transfer-emulator: ${signal}, closing sessions\n`);
    running.close().then(() => {
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
  try {
    emulator = await startEmulator({
      ...options,
      logger: (record) => {
        if (record.event !== 'listening') write(record);
      },
    });
    const passive = `${emulator.passivePorts.from}-${emulator.passivePorts.to}`;
    const url = `ftp://${emulator.host}:${emulator.port}`;
    if (json) {
      const message = `${url} passive ${passive} server ${emulator.serverId}${emulator.certificate ? ' ftps' : ''}`;
      write({ time: new Date().toISOString(), level: 'info', event: 'listening', message });
    } else {
      process.stdout.write(
        `transfer-emulator listening on ${url} (passive ${passive}, server ${emulator.serverId}${emulator.certificate ? ', FTPS' : ''}${options.faults?.length ? `, faults ${options.faults.join(',')}` : ''})\n`,
      );
    }
    if (stopping) close(emulator, stopping);
  } catch (error) {
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

await main();
