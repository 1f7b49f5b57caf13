import { isIPv4 } from 'node:net';
import { EmulatorOptionError } from './errors.js';
import type { IdentityProvider } from './identity/identity-provider.js';
import { SERVER_ID_PATTERN } from './identity/transfer-names.js';
import type { S3StorageOptions } from './storage/s3-storage.js';
import type { Storage } from './storage/storage.js';
import type { TransferLogger } from './transfer-log.js';

/** Failures users meet in closed VPCs, injected on purpose. */
export const FAULT_NAMES = [
  'storage-unreachable',
  'storage-unreachable-after-150',
  'data-ports-blocked',
  'passive-ip-unroutable',
  'idp-timeout',
  'idp-error',
  'role-not-assumable',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export type TlsSessionResumptionMode = 'DISABLED' | 'ENABLED' | 'ENFORCED';

/** One structured log record per session event. Never holds a password. */
export interface EmulatorLogRecord {
  time: string;
  level: 'info' | 'warn' | 'error';
  event:
    | 'listening'
    | 'connect'
    | 'login'
    | 'command'
    | 'transfer'
    /** An interrupted upload whose partial object was kept (Transfer's PARTIAL_CLOSE). */
    | 'partial-close'
    | 'disconnect'
    | 'error'
    | 'closed';
  session?: number;
  source?: string;
  user?: string;
  command?: string;
  argument?: string;
  reply?: number;
  bytes?: number;
  durationMs?: number;
  message?: string;
}

export type EmulatorLogger = (record: EmulatorLogRecord) => void;

export interface EmulatorOptions {
  /** Local folder holding the buckets (`/bucket/key` is `<root>/bucket/key`). Required unless `storage` is S3. */
  root?: string;
  /** The identity provider: a Lambda-style function, or the path of a module exporting `handler`. */
  idp: IdentityProvider | string;
  /** @default '127.0.0.1' */
  host?: string;
  /** Control port; 0 picks a free one. @default 2121 */
  port?: number;
  /** @default { from: 8192, to: 8200 } */
  passivePorts?: { from: number; to: number };
  /** Address named in PASV replies: `AUTO` (the address the client connected to), `0.0.0.0`, or an IPv4. @default 'AUTO' */
  passiveIp?: 'AUTO' | '0.0.0.0' | string;
  /** Sent to the IdP as `serverId`. @default 's-0123456789abcdef0' */
  serverId?: string;
  faults?: FaultName[];
  /**
   * The server's protocols, as Transfer's `Protocols`: `['FTPS']` alone refuses a cleartext login (530 until AUTH
   * TLS). FTPS without `ftps` generates a self-signed certificate. @default ['FTP'], plus 'FTPS' when `ftps` is set
   */
  protocols?: Array<'FTP' | 'FTPS'>;
  /** Shown before login, in the 220 greeting (Transfer's PreAuthenticationLoginBanner, at most 4096 characters). */
  preAuthBanner?: string;
  /** Shown after login, in the 230 reply (Transfer's PostAuthenticationLoginBanner, at most 4096 characters). */
  postAuthBanner?: string;
  /** Explicit FTPS (AUTH TLS). `true` generates a self-signed certificate. @default false */
  ftps?: { cert?: string | Buffer; key?: string | Buffer } | boolean;
  /** @default 'ENFORCED' */
  tlsSessionResumption?: TlsSessionResumptionMode;
  /** A handler slower than this denies the login, like a Lambda timeout. @default 3000 */
  idpTimeoutMs?: number;
  /** @default 1800 */
  idleTimeoutSeconds?: number;
  /**
   * A data connection that moves no byte for this long aborts its transfer (426): our reading of the
   * "approximately 10 minute unresponsive timeout" AWS documents for FTP/FTPS besides the idle timeout. @default 600
   */
  unresponsiveTimeoutSeconds?: number;
  /**
   * A PASV/EPSV reservation no data connection used within this long is released, so idle sessions cannot hold
   * every passive port (vsftpd's `accept_timeout` default). @default 60
   */
  passiveTimeoutSeconds?: number;
  /**
   * Each failed login after the first in a session is answered this much later than the one before (1 s, 2 s, ...),
   * as a password scanner meets on a hardened server; AWS documents nothing here. 0 turns it off. @default 1000
   */
  loginFailureDelayMs?: number;
  /** The session is closed (421) after this many failed logins (vsftpd's `max_login_fails`). @default 3 */
  maxLoginFailures?: number;
  /**
   * What an upload interrupted by the client (reset, ABOR, client gone) leaves: `keep` the partial object, as
   * Transfer "might write a partial object" and logs PARTIAL_CLOSE, or `discard` it. @default 'keep'
   */
  interruptedUploads?: 'keep' | 'discard';
  /** @default local folder at `root` */
  storage?: { type: 'local' } | ({ type: 's3' } & S3StorageOptions) | Storage;
  logger?: EmulatorLogger;
  /**
   * Receives one record per event in the shape of Transfer Family's CloudWatch JSON structured logs (`activity-type`
   * CONNECTED, AUTH_FAILURE, OPEN, CLOSE, PARTIAL_CLOSE, ...), for rehearsing metric filters and alarms. Independent
   * of `logger`; the CLI's `--log-format transfer`. @default none
   */
  transferLogger?: TransferLogger;
}

export interface ResolvedOptions {
  root: string | undefined;
  idp: IdentityProvider | string;
  host: string;
  port: number;
  passivePorts: { from: number; to: number };
  passiveIp: string;
  serverId: string;
  faults: ReadonlySet<FaultName>;
  ftps: { cert?: string | Buffer; key?: string | Buffer } | undefined;
  protocols: ReadonlySet<'FTP' | 'FTPS'>;
  preAuthBanner: string | undefined;
  postAuthBanner: string | undefined;
  unresponsiveTimeoutSeconds: number;
  tlsSessionResumption: TlsSessionResumptionMode;
  idpTimeoutMs: number;
  idleTimeoutSeconds: number;
  passiveTimeoutSeconds: number;
  loginFailureDelayMs: number;
  maxLoginFailures: number;
  interruptedUploads: 'keep' | 'discard';
  storage: EmulatorOptions['storage'];
  logger: EmulatorLogger;
  transferLogger: TransferLogger | undefined;
}

function port(option: string, value: unknown, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1) || value > 65535) {
    throw new EmulatorOptionError(
      option,
      `expected an integer ${allowZero ? '0' : '1'}-65535, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Checks every option up front so a mistake is reported by name, not as a crash later. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new EmulatorOptionError('options', 'expected an object like { root, idp }');
  }
  const storage = options.storage;
  const usesLocal = storage === undefined || ('type' in storage && storage.type === 'local');
  if (usesLocal && (typeof options.root !== 'string' || options.root === '')) {
    throw new EmulatorOptionError('root', 'the local folder that holds the buckets is required (e.g. ./ftp-root)');
  }
  if (typeof options.idp !== 'function' && (typeof options.idp !== 'string' || options.idp === '')) {
    throw new EmulatorOptionError('idp', 'expected a handler function or the path of a module exporting `handler`');
  }
  const passivePorts = options.passivePorts ?? { from: 8192, to: 8200 };
  const from = port('passivePorts.from', passivePorts.from, false);
  const to = port('passivePorts.to', passivePorts.to, false);
  if (to < from) throw new EmulatorOptionError('passivePorts', `'to' (${to}) is below 'from' (${from})`);
  const passiveIp = options.passiveIp ?? 'AUTO';
  if (passiveIp !== 'AUTO' && !isIPv4(passiveIp)) {
    throw new EmulatorOptionError('passiveIp', `expected AUTO, 0.0.0.0 or an IPv4 address, got ${passiveIp}`);
  }
  for (const fault of options.faults ?? []) {
    if (!(FAULT_NAMES as readonly string[]).includes(fault)) {
      throw new EmulatorOptionError('faults', `unknown fault '${fault}'; known: ${FAULT_NAMES.join(', ')}`);
    }
  }
  const serverId = options.serverId ?? 's-0123456789abcdef0';
  if (!SERVER_ID_PATTERN.test(serverId)) {
    // An IdP that checks the event (idp-core does) would deny every login with a server id Transfer cannot have.
    throw new EmulatorOptionError(
      'serverId',
      `expected "s-" and 17 lowercase hex digits, got ${JSON.stringify(serverId)}`,
    );
  }
  const mode = options.tlsSessionResumption ?? 'ENFORCED';
  if (!['DISABLED', 'ENABLED', 'ENFORCED'].includes(mode)) {
    throw new EmulatorOptionError('tlsSessionResumption', `expected DISABLED, ENABLED or ENFORCED, got ${mode}`);
  }
  const idpTimeoutMs = options.idpTimeoutMs ?? 3000;
  if (!Number.isFinite(idpTimeoutMs) || idpTimeoutMs <= 0) {
    throw new EmulatorOptionError('idpTimeoutMs', `expected a positive number of milliseconds, got ${idpTimeoutMs}`);
  }
  const idleTimeoutSeconds = options.idleTimeoutSeconds ?? 1800;
  if (!Number.isFinite(idleTimeoutSeconds) || idleTimeoutSeconds <= 0) {
    throw new EmulatorOptionError('idleTimeoutSeconds', `expected a positive number, got ${idleTimeoutSeconds}`);
  }
  const passiveTimeoutSeconds = options.passiveTimeoutSeconds ?? 60;
  if (!Number.isFinite(passiveTimeoutSeconds) || passiveTimeoutSeconds <= 0) {
    throw new EmulatorOptionError('passiveTimeoutSeconds', `expected a positive number, got ${passiveTimeoutSeconds}`);
  }
  const loginFailureDelayMs = options.loginFailureDelayMs ?? 1000;
  if (!Number.isFinite(loginFailureDelayMs) || loginFailureDelayMs < 0) {
    throw new EmulatorOptionError('loginFailureDelayMs', `expected 0 or more milliseconds, got ${loginFailureDelayMs}`);
  }
  const maxLoginFailures = options.maxLoginFailures ?? 3;
  if (!Number.isInteger(maxLoginFailures) || maxLoginFailures < 1) {
    throw new EmulatorOptionError('maxLoginFailures', `expected a whole number of at least 1, got ${maxLoginFailures}`);
  }
  const interruptedUploads = options.interruptedUploads ?? 'keep';
  if (interruptedUploads !== 'keep' && interruptedUploads !== 'discard') {
    throw new EmulatorOptionError(
      'interruptedUploads',
      `expected keep or discard, got ${JSON.stringify(interruptedUploads)}`,
    );
  }
  const protocols = options.protocols ?? (options.ftps ? ['FTP', 'FTPS'] : ['FTP']);
  if (
    !Array.isArray(protocols) ||
    protocols.length === 0 ||
    protocols.some((protocol) => protocol !== 'FTP' && protocol !== 'FTPS')
  ) {
    throw new EmulatorOptionError(
      'protocols',
      `expected FTP and/or FTPS (SFTP is not emulated), got ${JSON.stringify(protocols)}`,
    );
  }
  if (options.ftps && !protocols.includes('FTPS')) {
    throw new EmulatorOptionError('protocols', 'ftps is configured but protocols lacks FTPS: add it or drop ftps');
  }
  for (const name of ['logger', 'transferLogger'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new EmulatorOptionError(name, 'expected a function receiving one record per event');
    }
  }
  for (const name of ['preAuthBanner', 'postAuthBanner'] as const) {
    const banner = options[name];
    if (banner !== undefined && (typeof banner !== 'string' || banner.length > 4096)) {
      throw new EmulatorOptionError(name, 'expected text of at most 4096 characters, as Transfer allows');
    }
  }
  const unresponsiveTimeoutSeconds = options.unresponsiveTimeoutSeconds ?? 600;
  if (!Number.isFinite(unresponsiveTimeoutSeconds) || unresponsiveTimeoutSeconds <= 0) {
    throw new EmulatorOptionError(
      'unresponsiveTimeoutSeconds',
      `expected a positive number, got ${unresponsiveTimeoutSeconds}`,
    );
  }
  const ftps = options.ftps === true || (!options.ftps && protocols.includes('FTPS')) ? {} : options.ftps || undefined;
  if (ftps && (ftps.cert === undefined) !== (ftps.key === undefined)) {
    throw new EmulatorOptionError('ftps', 'give both cert and key, or neither to generate a self-signed certificate');
  }
  return {
    root: options.root,
    idp: options.idp,
    host: options.host ?? '127.0.0.1',
    port: port('port', options.port ?? 2121, true),
    passivePorts: { from, to },
    passiveIp,
    serverId,
    faults: new Set(options.faults ?? []),
    ftps,
    protocols: new Set(protocols),
    preAuthBanner: options.preAuthBanner,
    postAuthBanner: options.postAuthBanner,
    unresponsiveTimeoutSeconds,
    tlsSessionResumption: mode,
    idpTimeoutMs,
    idleTimeoutSeconds,
    passiveTimeoutSeconds,
    loginFailureDelayMs,
    maxLoginFailures,
    interruptedUploads,
    storage,
    logger: options.logger ?? (() => {}),
    transferLogger: options.transferLogger,
  };
}
