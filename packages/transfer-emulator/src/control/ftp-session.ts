import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { type SecureContext, TLSSocket } from 'node:tls';
import { clientAddress } from '../data/client-address.js';
import { awaitDataConnection, secureDataConnection, sendBody } from '../data/data-connection.js';
import type { PassiveExpectation } from '../data/passive-port-pool.js';
import { uploadBody } from '../data/upload-body.js';
import {
  AccessDeniedError,
  EmulatorError,
  PathOutsideMappingError,
  StorageNotFoundError,
  StorageOperationError,
} from '../errors.js';
import { VirtualFilesystem } from '../files/virtual-filesystem.js';
import { resolveVirtualPath } from '../files/virtual-path.js';
import { callIdentityProvider, type IdentityProvider } from '../identity/identity-provider.js';
import { USER_NAME_PATTERN } from '../identity/transfer-names.js';
import { decideAccess } from '../identity/user-access.js';
import type { EmulatorLogRecord, ResolvedOptions } from '../options.js';
import type { Storage, StorageEntry } from '../storage/storage.js';
import {
  emulatorServerArn,
  newTransferSessionId,
  OPEN_MODE,
  type TransferActivityType,
  type TransferLogRecord,
} from '../transfer-log.js';
import { type CommandLine, parseCommandLine } from './command-line.js';
import { CommandQueue } from './command-queue.js';
import { type ControlLine, LineReader } from './line-reader.js';
import { factsLine, listLine, parseTimeVal, timeVal } from './listing-format.js';
import { AlreadySentReply, Reply } from './reply.js';

/** What every session shares with the server that accepted it. */
export interface SessionServices {
  options: ResolvedOptions;
  identityProvider: IdentityProvider;
  storage: Storage;
  passivePorts: { expect(address: string, waitMs: number): Promise<PassiveExpectation> };
  /** Ticket keys shared by control and data connections, so data connections can resume the session. */
  tlsContext: SecureContext | undefined;
  /** A context with its own ticket keys, for TlsSessionResumption DISABLED. */
  freshTlsContext: (() => SecureContext) | undefined;
}

/** One row of the command table. */
interface Command {
  /** Allowed before USER/PASS succeeded. @default false */
  beforeLogin?: boolean;
  argument: 'required' | 'optional' | 'none';
  /** Its line in the FEAT reply, if it has one. */
  feature?: string | undefined;
  /** An FTPS command: its feature is listed only when FTPS is on. */
  tls?: boolean;
  run: (session: FtpSession, argument: string) => Promise<Reply> | Reply;
}

const MAX_LINE_BYTES = 4096;
const MAX_QUEUED_LINES = 64;
const PORT_WAIT_MS = 30_000;
/** TEST-NET-1 (RFC 5737): documentation-only addresses nothing answers; used for `passive-ip-unroutable`. */
export const UNROUTABLE_PASSIVE_IP = '192.0.2.1';

let nextSessionId = 1;

/** One control connection: reads commands one at a time, answers like a Transfer Family FTP(S) endpoint. */
export class FtpSession {
  readonly id = nextSessionId++;
  readonly source: string;
  #socket: Socket;
  #tls = false;
  #protectionBufferSet = false;
  #protectData = false;
  #user: string | undefined;
  #loggedIn = false;
  #files: VirtualFilesystem | undefined;
  #cwd = '/';
  #renameFrom: string | undefined;
  #passive: PassiveExpectation | undefined;
  #activeData: Socket | undefined;
  #queue = new CommandQueue(MAX_QUEUED_LINES);
  #busy = false;
  #closed = false;
  #closedPromise: Promise<void>;
  #markClosed!: () => void;
  #idleTimer: NodeJS.Timeout | undefined;
  #transferBytes = 0;
  #abortReplyPending = false;
  #loginFailures = 0;
  /** Transfer's `session-id`: what ties one session's structured log records together. */
  readonly #transferSessionId = newTransferSessionId();
  /** CONNECTED was logged: DISCONNECTED will be too. */
  #connected = false;
  /** The running command already logged its ERROR record. */
  #errorLogged = false;

  constructor(
    socket: Socket,
    private readonly services: SessionServices,
  ) {
    this.#socket = socket;
    socket.setNoDelay(true); // replies are small and awaited: Nagle plus delayed ACK would add ~40 ms to each
    this.source = clientAddress(socket.remoteAddress);
    this.#closedPromise = new Promise((done) => {
      this.#markClosed = done;
    });
    this.#attach(socket);
    socket.on('close', () => this.#teardown());
    socket.on('error', () => this.#teardown());
    this.#log({ level: 'info', event: 'connect' });
    this.#send(220, [...banner(services.options.preAuthBanner), 'Service ready (closed-ftp transfer-emulator)']);
    this.#armIdleTimer();
  }

  get closed(): Promise<void> {
    return this.#closedPromise;
  }

  /** Ends the session politely (421), as on shutdown. */
  close(reason = 'Service closing control connection'): void {
    if (this.#closed) return;
    this.#activity('EXIT_REASON', { message: reason });
    this.#send(421, [reason]);
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 500).unref();
    this.#teardown();
  }

  /**
   * One record of Transfer's structured logs, its fields in the order of AWS's examples: `before` (role, mode, path),
   * `activity-type`, `source-ip`, `resource-arn`, the rest of `after`, and `session-id` last.
   */
  #activity(
    type: TransferActivityType,
    after: Partial<TransferLogRecord> = {},
    before: Partial<TransferLogRecord> = {},
  ): void {
    const logger = this.services.options.transferLogger;
    if (!logger) return;
    const { 'source-ip': sourceIp, ...rest } = after;
    logger({
      ...before,
      'activity-type': type,
      ...(sourceIp === undefined ? {} : { 'source-ip': sourceIp }),
      'resource-arn': emulatorServerArn(this.services.options.serverId),
      ...rest,
      'session-id': this.#transferSessionId,
    } as TransferLogRecord);
  }

  #log(record: Omit<EmulatorLogRecord, 'time' | 'session' | 'source'>): void {
    const base = { time: new Date().toISOString(), session: this.id, source: this.source };
    this.services.options.logger({ ...base, ...(this.#user ? { user: this.#user } : {}), ...record });
  }

  #attach(socket: Socket): void {
    let flooded = false;
    const reader = new LineReader(MAX_LINE_BYTES, (line) => {
      if (!this.#queue.push(line)) flooded = true;
    });
    socket.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      if (flooded) {
        this.close('Too many commands queued');
        return;
      }
      this.#drain();
    });
  }

  #send(code: number, lines: string[]): void {
    if (this.#closed || this.#socket.destroyed) return;
    const text = lines.map((line) => line.replace(/[\r\n]/g, ' '));
    const body =
      text.length <= 1
        ? `${code} ${text[0] ?? ''}\r\n`
        : `${code}-${text[0]}\r\n${text
            .slice(1, -1)
            .map((line) => ` ${line}\r\n`)
            .join('')}${code} ${text.at(-1)}\r\n`;
    this.#socket.write(body);
  }

  #armIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(
      () => this.close('Idle timeout: closing control connection'),
      this.services.options.idleTimeoutSeconds * 1000,
    );
    this.#idleTimer.unref();
  }

  #teardown(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    this.#passive?.cancel();
    this.#activeData?.destroy();
    this.#log({ level: 'info', event: 'disconnect' });
    if (this.#connected) this.#activity('DISCONNECTED');
    this.#markClosed();
  }

  async #drain(): Promise<void> {
    // ABOR must reach a running transfer; everything else waits its turn.
    if (this.#busy) {
      if (this.#activeData && this.#queue.takeAbort()) {
        this.#activeData.destroy(new Error('ABOR'));
        this.#abortReplyPending = true;
      }
      return;
    }
    this.#busy = true;
    try {
      for (let line = this.#queue.next(); line && !this.#closed; line = this.#queue.next()) {
        clearTimeout(this.#idleTimer);
        await this.#run(line);
        if (this.#abortReplyPending) {
          this.#abortReplyPending = false;
          this.#send(226, ['ABOR command successful']);
        }
        if (!this.#closed) this.#armIdleTimer();
      }
    } finally {
      this.#busy = false;
    }
  }

  async #run(line: ControlLine): Promise<void> {
    const started = Date.now();
    const command = line.kind === 'line' ? parseCommandLine(line.text) : undefined;
    this.#transferBytes = 0;
    this.#errorLogged = false;
    let reply: Reply;
    if (line.kind === 'too-long') {
      reply = new Reply(500, [`Command line too long (over ${MAX_LINE_BYTES} bytes): ignored`]);
    } else if (!command) {
      reply = new Reply(500, ['Syntax error, command unrecognized']);
    } else {
      try {
        reply = await this.#execute(command);
      } catch (error) {
        reply = this.#errorReply(error);
      }
    }
    if (!(reply instanceof AlreadySentReply)) this.#send(reply.code, reply.lines);
    this.#log({
      level: reply.code >= 500 ? 'warn' : 'info',
      event: 'command',
      command: command?.verb ?? (line.kind === 'too-long' ? '(too long)' : '(invalid)'),
      argument: command?.verb === 'PASS' ? '****' : (command?.argument ?? ''),
      reply: reply.code,
      ...(this.#transferBytes ? { bytes: this.#transferBytes } : {}),
      durationMs: Date.now() - started,
    });
    if (command?.verb === 'QUIT') {
      this.#socket.end();
      this.#teardown();
    }
  }

  #errorReply(error: unknown): Reply {
    if (error instanceof Reply) return error;
    const reply = this.#errorReplyFor(error);
    // Transfer logs a failed file operation as ERROR; the reply's text names virtual paths and keys only.
    this.#errorLogged = true;
    this.#activity('ERROR', { message: reply.lines.join(' ') });
    return reply;
  }

  #errorReplyFor(error: unknown): Reply {
    if (AccessDeniedError.isInstance(error)) return new Reply(550, [error.message]);
    if (StorageNotFoundError.isInstance(error)) return new Reply(550, ['File not found']);
    if (PathOutsideMappingError.isInstance(error)) return new Reply(550, [`Not allowed: ${error.message}`]);
    if (StorageOperationError.isInstance(error)) return new Reply(550, [error.message]);
    // The class, never the message: a handler's or the filesystem's text may hold server paths or user data.
    const kind = EmulatorError.isInstance(error) || error instanceof Error ? error.name : typeof error;
    this.#log({ level: 'error', event: 'error', message: `unexpected ${kind} while running a command` });
    return new Reply(451, ['Requested action aborted: local error in processing']);
  }

  #path(argument: string): string {
    if (argument === '') throw new Reply(501, ['Syntax error: a path is required']);
    return resolveVirtualPath(this.#cwd, argument);
  }

  get #fs(): VirtualFilesystem {
    return this.#files!;
  }

  /**
   * Every command the endpoint knows, in the style of pyftpdlib's `proto_cmds`: whether it is allowed before login,
   * whether it takes an argument, its FEAT line, and what it does. FEAT and the pre-login set come from here.
   */
  static readonly #commands: Readonly<Record<string, Command>> = (() => {
    const path = (s: FtpSession, argument: string) => s.#path(argument);
    const table: Record<string, Command> = {
      USER: { beforeLogin: true, argument: 'required', run: (s, a) => s.#userCommand(a) },
      PASS: { beforeLogin: true, argument: 'optional', run: (s, a) => s.#passCommand(a) },
      QUIT: { beforeLogin: true, argument: 'none', run: () => new Reply(221, ['Goodbye']) },
      NOOP: { beforeLogin: true, argument: 'optional', run: () => new Reply(200, ['NOOP ok']) },
      SYST: { beforeLogin: true, argument: 'none', run: () => new Reply(215, ['UNIX Type: L8']) },
      FEAT: {
        beforeLogin: true,
        argument: 'none',
        run: (s) => new Reply(211, ['Features:', ...s.#features(), 'End']),
      },
      OPTS: {
        beforeLogin: true,
        argument: 'required',
        feature: 'UTF8',
        run: (_, a) =>
          /^(UTF8( ON)?|MLST .*)$/i.test(a)
            ? new Reply(200, ['OPTS ok'])
            : new Reply(501, ['OPTS: only UTF8 ON and MLST are supported']),
      },
      LANG: {
        beforeLogin: true,
        argument: 'optional',
        feature: 'LANG EN*',
        run: (_, a) =>
          a === '' || /^EN/i.test(a)
            ? new Reply(200, ['Language set to EN'])
            : new Reply(504, ['Only EN is supported']),
      },
      AUTH: {
        beforeLogin: true,
        argument: 'optional',
        feature: 'AUTH TLS',
        tls: true,
        run: (s, a) => s.#authCommand(a),
      },
      PBSZ: {
        beforeLogin: true,
        argument: 'optional',
        feature: 'PBSZ',
        tls: true,
        run: (s) => {
          if (!s.#tls) return new Reply(503, ['PBSZ needs AUTH TLS first']);
          s.#protectionBufferSet = true;
          return new Reply(200, ['PBSZ=0']);
        },
      },
      PROT: { beforeLogin: true, argument: 'optional', feature: 'PROT', tls: true, run: (s, a) => s.#protCommand(a) },
      PWD: {
        argument: 'none',
        run: (s) => new Reply(257, [`"${s.#cwd.replace(/"/g, '""')}" is the current directory`]),
      },
      CWD: { argument: 'required', run: (s, a) => s.#changeDirectory(path(s, a)) },
      CDUP: { argument: 'none', run: (s) => s.#changeDirectory(resolveVirtualPath(s.#cwd, '..')) },
      TYPE: {
        argument: 'optional',
        // Transfer moves every file as binary; TYPE A is accepted (clients send it before LIST) but changes nothing.
        run: (_, a) =>
          /^(I|L 8|A( N)?)$/i.test(a)
            ? new Reply(200, [`Type set to ${a.toUpperCase()} (transfers are binary)`])
            : new Reply(504, ['Only TYPE I (binary) is supported']),
      },
      MODE: {
        argument: 'optional',
        run: (_, a) =>
          /^S$/i.test(a) ? new Reply(200, ['Mode set to S']) : new Reply(504, ['Only MODE S is supported']),
      },
      STRU: {
        argument: 'optional',
        run: (_, a) =>
          /^F$/i.test(a) ? new Reply(200, ['Structure set to F']) : new Reply(504, ['Only STRU F is supported']),
      },
      PASV: { argument: 'none', run: (s) => s.#passiveCommand(false) },
      EPSV: {
        argument: 'optional',
        feature: 'EPSV',
        run: (s, a) => {
          if (/^ALL$/i.test(a)) return new Reply(200, ['EPSV ALL ok']);
          if (a !== '' && a !== '1' && a !== '2') return new Reply(522, ['Protocol not supported, use (1,2)']);
          return s.#passiveCommand(true);
        },
      },
      PORT: { argument: 'optional', run: () => new Reply(502, ['Active mode is not supported: use PASV or EPSV']) },
      LIST: { argument: 'optional', run: (s, a) => s.#listCommand('LIST', a) },
      NLST: { argument: 'optional', run: (s, a) => s.#listCommand('NLST', a) },
      MLSD: { argument: 'optional', run: (s, a) => s.#listCommand('MLSD', a) },
      MLST: { argument: 'optional', feature: 'MLST type*;size*;modify*;', run: (s, a) => s.#mlstCommand(a) },
      RETR: { argument: 'required', run: (s, a) => s.#retrieveCommand(path(s, a)) },
      STOR: { argument: 'required', run: (s, a) => s.#storeCommand(path(s, a), false) },
      // The server picks the name (RFC 959); any argument is ignored so the name is always new.
      STOU: {
        argument: 'optional',
        run: (s) => s.#storeCommand(resolveVirtualPath(s.#cwd, `upload-${randomUUID()}`), true),
      },
      DELE: {
        argument: 'required',
        run: async (s, a) => {
          const target = path(s, a);
          await s.#fs.delete(target);
          s.#fileActivity('DELETE', target);
          return new Reply(250, ['File deleted']);
        },
      },
      MKD: {
        argument: 'required',
        run: async (s, a) => {
          const target = path(s, a);
          await s.#fs.makeDirectory(target);
          s.#fileActivity('MKDIR', target);
          return new Reply(257, [`"${target.replace(/"/g, '""')}" created`]);
        },
      },
      RMD: {
        argument: 'required',
        run: async (s, a) => {
          const target = path(s, a);
          await s.#fs.removeDirectory(target);
          s.#fileActivity('RMDIR', target);
          return new Reply(250, ['Directory removed']);
        },
      },
      RNFR: {
        argument: 'required',
        run: async (s, a) => {
          const from = path(s, a);
          if (!(await s.#fs.stat(from))) return new Reply(550, ['File not found']);
          s.#renameFrom = from;
          return new Reply(350, ['Ready for RNTO']);
        },
      },
      RNTO: {
        argument: 'required',
        run: async (s, a) => {
          const from = s.#renameFrom;
          s.#renameFrom = undefined;
          if (!from) return new Reply(503, ['RNFR first']);
          await s.#fs.rename(from, path(s, a));
          s.#fileActivity('RENAME', from);
          return new Reply(250, ['Rename successful']);
        },
      },
      SIZE: {
        argument: 'required',
        feature: 'SIZE',
        run: async (s, a) => {
          const entry = await s.#fs.stat(path(s, a));
          return entry?.type === 'file' ? new Reply(213, [String(entry.size)]) : new Reply(550, ['File not found']);
        },
      },
      MDTM: {
        argument: 'required',
        feature: 'MDTM',
        run: async (s, a) => {
          const entry = await s.#fs.stat(path(s, a));
          return entry?.type === 'file'
            ? new Reply(213, [timeVal(entry.modified)])
            : new Reply(550, ['File not found']);
        },
      },
      MFMT: {
        argument: 'required',
        feature: 'MFMT',
        run: async (s, a) => {
          const space = a.indexOf(' ');
          const date = parseTimeVal(a.slice(0, space));
          if (space === -1 || !date) return new Reply(501, ['Syntax: MFMT YYYYMMDDHHMMSS path']);
          await s.#fs.setModified(path(s, a.slice(space + 1)), date);
          return new Reply(213, [`Modify=${timeVal(date)}; ${a.slice(space + 1)}`]);
        },
      },
      STAT: { argument: 'optional', run: (s, a) => s.#statCommand(a) },
      ABOR: { argument: 'none', run: () => new Reply(225, ['No transfer to abort']) },
    };
    // RFC 775's X aliases, and EPRT refused like PORT.
    const aliases = { XPWD: 'PWD', XCWD: 'CWD', XCUP: 'CDUP', XMKD: 'MKD', XRMD: 'RMD', EPRT: 'PORT' };
    for (const [alias, name] of Object.entries(aliases)) table[alias] = { ...table[name]!, feature: undefined };
    return table;
  })();

  /** A record naming one stored path (`/bucket/key`, as Transfer's logs do), `path` first as in AWS's examples. */
  #fileActivity(type: TransferActivityType, path: string, after: Partial<TransferLogRecord> = {}, mode?: string): void {
    if (!this.services.options.transferLogger) return; // no path lookups on the transfer path unless asked for
    const stored = this.#files?.storagePath(path);
    this.#activity(type, after, { ...(mode ? { mode } : {}), ...(stored === undefined ? {} : { path: stored }) });
  }

  /** The FEAT lines: every command's feature, in table order; the FTPS ones only when FTPS is on. */
  #features(): string[] {
    const tls = this.services.tlsContext !== undefined;
    return Object.values(FtpSession.#commands).flatMap((command) =>
      command.feature && (tls || !command.tls) ? [command.feature] : [],
    );
  }

  async #execute({ verb, argument }: CommandLine): Promise<Reply> {
    const command = FtpSession.#commands[verb];
    if (!command) return new Reply(502, [`${verb} not implemented`]);
    if (!this.#loggedIn && !command.beforeLogin) return new Reply(530, ['Please login with USER and PASS']);
    if (command.argument === 'required' && argument === '') {
      return new Reply(501, [`Syntax error: ${verb} needs an argument`]);
    }
    if (command.argument === 'none' && argument !== '') {
      return new Reply(501, [`Syntax error: ${verb} takes no argument`]);
    }
    return command.run(this, argument);
  }

  /** An FTPS-only server refuses a login in clear, as RFC 4217 lets a server that requires protection. */
  #refuseCleartextLogin(): Reply | undefined {
    if (this.#tls || this.services.options.protocols.has('FTP')) return undefined;
    return new Reply(530, ['This server requires FTPS: send AUTH TLS first']);
  }

  #userCommand(argument: string): Reply {
    const refused = this.#refuseCleartextLogin();
    if (refused) return refused;
    if (this.#loggedIn) return new Reply(503, ['Already logged in']);
    if (argument === '') return new Reply(501, ['USER needs a user name']);
    this.#user = argument;
    return new Reply(331, ['Please specify the password']);
  }

  async #passCommand(password: string): Promise<Reply> {
    const refused = this.#refuseCleartextLogin();
    if (refused) return refused;
    const user = this.#user;
    if (this.#loggedIn) return new Reply(503, ['Already logged in']);
    if (user === undefined) return new Reply(503, ['Login with USER first']);
    const deny = async (reason: string) => {
      this.#log({ level: 'warn', event: 'login', message: `denied: ${reason}` });
      this.#activity('AUTH_FAILURE', {
        'source-ip': this.source,
        user,
        method: 'password',
        message: reason,
      });
      const { loginFailureDelayMs, maxLoginFailures } = this.services.options;
      this.#loginFailures += 1;
      // A typo costs nothing; a scanner pays 1 s, 2 s, ... per further guess, then loses the session.
      await new Promise((done) => setTimeout(done, loginFailureDelayMs * (this.#loginFailures - 1)).unref());
      if (this.#loginFailures >= maxLoginFailures) {
        this.#send(530, ['Login incorrect']);
        this.close('Too many failed logins: closing control connection');
        throw new AlreadySentReply(530);
      }
      return new Reply(530, ['Login incorrect']);
    };
    if (!USER_NAME_PATTERN.test(user))
      return await deny(`user name does not match Transfer Family pattern ${USER_NAME_PATTERN.source}`);
    const { options, identityProvider } = this.services;
    const started = Date.now();
    const outcome = await callIdentityProvider(
      identityProvider,
      {
        username: user,
        password,
        protocol: this.#tls ? 'FTPS' : 'FTP',
        serverId: options.serverId,
        sourceIp: this.source,
      },
      options.idpTimeoutMs,
    );
    if (this.#closed) return new Reply(421, ['Session closed']);
    if (outcome.kind === 'timeout') return await deny(`identity provider timed out after ${options.idpTimeoutMs} ms`);
    if (outcome.kind === 'error') {
      // The class, never the message: a handler may echo its event, the password in any escaping, in its error.
      const kind = outcome.error instanceof Error ? outcome.error.name : typeof outcome.error;
      return await deny(`identity provider threw ${kind}`);
    }
    const decision = decideAccess(outcome.response, user);
    if (!decision.allowed) return await deny(decision.reason);
    if (options.faults.has('role-not-assumable')) {
      // Transfer assumes the Role at login: a role it cannot assume is an authentication failure (Transfer user guide, troubleshooting).
      return await deny(`role ${decision.access.role} cannot be assumed (fault role-not-assumable)`);
    }
    this.#loggedIn = true;
    this.#files = new VirtualFilesystem(this.services.storage, decision.access);
    this.#cwd = decision.access.initialDirectory;
    this.#connected = true;
    // AWS's CONNECTED example, less the SSH fields (ciphers, kex, ssh-public-key...): a LOGICAL home is `/`.
    this.#activity(
      'CONNECTED',
      {
        'source-ip': this.source,
        'home-dir': decision.access.homeDirectoryType === 'PATH' ? decision.access.initialDirectory : '/',
        user,
      },
      { role: decision.access.role },
    );
    this.#log({
      level: 'info',
      event: 'login',
      message: `allowed (${decision.access.homeDirectoryType}, role ${decision.access.role})`,
      durationMs: Date.now() - started,
    });
    return new Reply(230, [...banner(this.services.options.postAuthBanner), 'User logged in, proceed']);
  }

  #authCommand(argument: string): Reply {
    const context = this.services.tlsContext;
    if (!context) return new Reply(502, ['AUTH not available: this endpoint serves FTP only']);
    if (!/^(TLS|SSL|TLS-C)$/i.test(argument)) return new Reply(504, ['Only AUTH TLS is supported']);
    if (this.#tls) return new Reply(503, ['Already using TLS']);
    if (this.#loggedIn || this.#user !== undefined) return new Reply(503, ['AUTH TLS must come before USER']);
    // Reply in clear, then the very next bytes are the client's TLS handshake.
    this.#send(234, ['AUTH TLS successful']);
    const plain = this.#socket;
    plain.removeAllListeners('data');
    // Commands pipelined in clear after AUTH are dropped, never run as if protected (STARTTLS command injection).
    this.#queue.clear();
    const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
    secure.on('error', () => this.#teardown());
    secure.on('close', () => this.#teardown());
    this.#socket = secure;
    this.#tls = true;
    this.#attach(secure);
    throw new AlreadySentReply(234);
  }

  #protCommand(argument: string): Reply {
    if (!this.#tls) return new Reply(503, ['PROT needs AUTH TLS first']);
    if (!this.#protectionBufferSet) return new Reply(503, ['PBSZ first']);
    if (/^P$/i.test(argument)) {
      this.#protectData = true;
      return new Reply(200, ['Protection level set to P']);
    }
    if (/^C$/i.test(argument)) return new Reply(534, ['PROT C refused: data connections must be protected (PROT P)']);
    return new Reply(504, ['Only PROT P is supported']);
  }

  async #changeDirectory(path: string): Promise<Reply> {
    const entry = await this.#fs.stat(path);
    if (entry?.type !== 'directory') return new Reply(550, ['Directory not found']);
    this.#cwd = path;
    return new Reply(250, [`Directory changed to ${path}`]);
  }

  async #passiveCommand(extended: boolean): Promise<Reply> {
    this.#passive?.cancel();
    this.#passive = undefined;
    const { options, passivePorts } = this.services;
    const ip = options.faults.has('passive-ip-unroutable')
      ? UNROUTABLE_PASSIVE_IP
      : options.passiveIp === 'AUTO'
        ? clientAddress(this.#socket.localAddress)
        : options.passiveIp;
    // Checked before a port is reserved, so a refused PASV holds no port.
    if (!extended && !/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return new Reply(425, ['PASV needs IPv4: use EPSV']);
    let expectation: PassiveExpectation;
    try {
      expectation = await passivePorts.expect(this.source, PORT_WAIT_MS);
    } catch {
      return new Reply(425, ['No passive port free, try again']);
    }
    this.#passive = expectation;
    // Unused for a while, the reservation goes: idle sessions must not hold every passive port. (Once the client
    // has connected, the port is free again in the pool; the connection waits for its command.)
    let connected = false;
    expectation.connection.then(
      () => {
        connected = true;
      },
      () => {},
    );
    setTimeout(() => {
      if (this.#passive !== expectation || connected) return;
      this.#passive = undefined;
      expectation.cancel();
    }, options.passiveTimeoutSeconds * 1000).unref();
    const { port } = expectation;
    if (extended) return new Reply(229, [`Entering Extended Passive Mode (|||${port}|)`]);
    return new Reply(227, [`Entering Passive Mode (${ip.replaceAll('.', ',')},${port >> 8},${port & 255})`]);
  }

  /** Waits until the session ends: what a client sees when storage cannot be reached. */
  async #hang(): Promise<never> {
    await this.#closedPromise;
    throw new Reply(421, ['Session closed']);
  }

  /** Opens the data connection, sends 150, runs `move`, answers 226; the shape every data command shares. */
  async #transfer(move: (data: Socket) => Promise<void>): Promise<Reply> {
    const expectation = this.#passive;
    this.#passive = undefined;
    if (!expectation) return new Reply(425, ['Use PASV or EPSV first']);
    if (this.#tls && !this.#protectData) {
      expectation.cancel();
      return new Reply(521, ['Data connections must be protected: send PBSZ 0 and PROT P']);
    }
    const { faults } = this.services.options;
    const arrived = await awaitDataConnection(expectation, this.#closedPromise);
    if (!arrived) return new Reply(425, ["Can't open data connection"]);
    let data: Socket = arrived;
    this.#activeData = data;
    data.on('error', () => {});
    // A client that vanished mid-transfer (no FIN) must not hold the session forever: the idle timeout applies here too.
    const { idleTimeoutSeconds, unresponsiveTimeoutSeconds } = this.services.options;
    data.setTimeout(Math.min(idleTimeoutSeconds, unresponsiveTimeoutSeconds) * 1000, () =>
      data.destroy(new Error('data connection idle')),
    );
    try {
      this.#send(150, ['Opening BINARY mode data connection']);
      if (faults.has('storage-unreachable-after-150')) return await this.#hang();
      if (this.#protectData) {
        const { tlsContext, freshTlsContext } = this.services;
        const { tlsSessionResumption } = this.services.options;
        const context = tlsSessionResumption === 'DISABLED' ? freshTlsContext!() : tlsContext!;
        data = await secureDataConnection(data, context, tlsSessionResumption === 'ENFORCED', (secure) => {
          this.#activeData = secure;
        });
      }
      await move(data);
      return new Reply(226, ['Transfer complete']);
    } catch (error) {
      if (error instanceof Reply) {
        if (error.code === 522 && error.lines.join(' ').includes('cached TLS session')) {
          this.#activity('TLS_RESUME_FAILURE', { 'source-ip': this.source, message: error.lines.join(' ') });
        }
        return error;
      }
      if (this.#abortReplyPending || data.destroyed) return new Reply(426, ['Connection closed; transfer aborted']);
      return this.#errorReply(error);
    } finally {
      this.#activeData = undefined;
      data.destroy();
    }
  }

  #sendData(data: Socket, body: Readable | string): Promise<void> {
    return sendBody(data, body, (bytes) => {
      this.#transferBytes += bytes;
    });
  }

  async #listCommand(verb: 'LIST' | 'NLST' | 'MLSD', argument: string): Promise<Reply> {
    // Clients send `ls` flags (`LIST -la`); they are not paths.
    const pathArgument = argument.replace(/^(-\w+\s*)+/, '');
    const path = resolveVirtualPath(this.#cwd, pathArgument);
    const entry = await this.#fs.stat(path);
    if (!entry) return new Reply(550, ['File not found']);
    if (verb === 'MLSD' && entry.type !== 'directory') return new Reply(501, ['MLSD needs a directory']);
    const entries: StorageEntry[] = entry.type === 'directory' ? await this.#fs.list(path) : [entry];
    const lines = entries.map((item) =>
      verb === 'LIST'
        ? listLine(item)
        : verb === 'MLSD'
          ? factsLine(item)
          : pathArgument && entry.type === 'directory'
            ? `${pathArgument.replace(/\/$/, '')}/${item.name}`
            : item.name,
    );
    const text = lines.map((line) => `${line}\r\n`).join('');
    return this.#transfer((data) => this.#sendData(data, text));
  }

  async #mlstCommand(argument: string): Promise<Reply> {
    const path = resolveVirtualPath(this.#cwd, argument);
    const entry = await this.#fs.stat(path);
    if (!entry) return new Reply(550, ['File not found']);
    return new Reply(250, ['Listing', factsLine(entry, path), 'End']);
  }

  async #statCommand(argument: string): Promise<Reply> {
    if (argument === '') {
      return new Reply(211, [
        'closed-ftp transfer-emulator status',
        `Connected from ${this.source}`,
        this.#loggedIn ? `Logged in as ${this.#user}` : 'Not logged in',
        `TLS: ${this.#tls ? 'yes' : 'no'}, data protection: ${this.#protectData ? 'P' : 'C'}`,
        'End of status',
      ]);
    }
    if (!this.#loggedIn) return new Reply(530, ['Please login with USER and PASS']);
    const path = resolveVirtualPath(this.#cwd, argument);
    const entry = await this.#fs.stat(path);
    if (!entry) return new Reply(550, ['File not found']);
    const entries = entry.type === 'directory' ? await this.#fs.list(path) : [entry];
    return new Reply(213, ['Status follows', ...entries.map(listLine), 'End of status']);
  }

  async #retrieveCommand(path: string): Promise<Reply> {
    const body = await this.#fs.read(path);
    try {
      return await this.#transfer(async (data) => {
        this.#fileActivity('OPEN', path, {}, OPEN_MODE.download);
        try {
          await this.#sendData(data, body);
        } finally {
          this.#fileActivity('CLOSE', path, { 'bytes-out': String(this.#transferBytes) });
        }
      });
    } finally {
      body.destroy();
    }
  }

  async #storeCommand(path: string, unique: boolean): Promise<Reply> {
    await this.#fs.checkWrite(path);
    const keep = this.services.options.interruptedUploads === 'keep';
    let opened = false;
    let closed = false;
    const reply = await this.#transfer(async (data) => {
      this.#fileActivity('OPEN', path, {}, OPEN_MODE.upload);
      opened = true;
      const upload = uploadBody(data, keep, () => this.#closed || !this.#socket.readable);
      this.#transferBytes += await this.#fs.write(path, upload.body);
      closed = true;
      if (upload.interrupted()) {
        this.#fileActivity('PARTIAL_CLOSE', path, { 'bytes-in': String(this.#transferBytes) });
        // Transfer's PARTIAL_CLOSE: the object holds what arrived before the client went away.
        this.#log({
          level: 'warn',
          event: 'partial-close',
          message: `${path}: interrupted upload kept`,
          bytes: this.#transferBytes,
        });
        throw new Reply(426, ['Connection closed; transfer aborted']);
      }
      this.#fileActivity('CLOSE', path, { 'bytes-in': String(this.#transferBytes) });
    });
    // Opened, never closed, and no ERROR yet: an upload that was interrupted and discarded.
    if (opened && !closed && !this.#errorLogged) {
      this.#fileActivity('ERROR', path, { message: `upload not stored: ${reply.lines.join(' ')}` });
    }
    if (unique && reply.code === 226) return new Reply(226, [`Transfer complete (FILE: ${path.split('/').pop()})`]);
    return reply;
  }
}

/** A banner's lines (Transfer shows the text as the first lines of the reply). */
function banner(text: string | undefined): string[] {
  return text === undefined || text === '' ? [] : text.split(/\r?\n/);
}
