import { connect as connectTcp, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls, type TLSSocket } from 'node:tls';
import { within } from '../deadline.js';
import { ConnectionClosedError, MalformedReplyError } from '../errors.js';
import type { Transcript } from '../transcript.js';
import { type FtpReply, isMalformed, ReplyParser } from './reply-parser.js';

type Waiter = { resolve: (reply: FtpReply) => void; reject: (error: Error) => void };

/** The FTP control connection: sends one command at a time and waits for its reply, each wait bounded. */
export class ControlConnection {
  #socket: Socket | TLSSocket;
  #parser = new ReplyParser();
  #replies: FtpReply[] = [];
  #waiters: Waiter[] = [];
  #failure: Error | undefined;

  private constructor(
    socket: Socket,
    readonly transcript: Transcript,
  ) {
    this.#socket = socket;
    this.#listen(socket);
  }

  /** Opens TCP to the control port. The banner is read separately with `readReply`. */
  static open(host: string, port: number, timeoutMs: number, transcript: Transcript): Promise<ControlConnection> {
    const socket = connectTcp({ host, port });
    const connected = new Promise<ControlConnection>((resolve, reject) => {
      socket.once('connect', () => resolve(new ControlConnection(socket, transcript)));
      socket.once('error', reject);
    });
    return within(connected, timeoutMs, `TCP connect to ${host}:${port}`, () => socket.destroy());
  }

  get socket(): Socket | TLSSocket {
    return this.#socket;
  }

  get local(): string {
    return `${this.#socket.localAddress}:${this.#socket.localPort}`;
  }

  get remote(): string {
    return `${this.#socket.remoteAddress}:${this.#socket.remotePort}`;
  }

  /** Waits for the next reply. */
  readReply(timeoutMs: number, what: string): Promise<FtpReply> {
    const queued = this.#replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#failure) return Promise.reject(this.#failure);
    let waiter: Waiter | undefined;
    const reply = new Promise<FtpReply>((resolve, reject) => {
      waiter = { resolve, reject };
      this.#waiters.push(waiter);
    });
    return within(reply, timeoutMs, what, () => {
      this.#waiters = this.#waiters.filter((w) => w !== waiter);
    });
  }

  /** Sends a command and waits for its reply; `shown` replaces the command in the transcript (for PASS). */
  send(command: string, timeoutMs: number, shown = command): Promise<FtpReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    this.transcript.add('sent', shown);
    this.#socket.write(`${command}\r\n`);
    return this.readReply(timeoutMs, `reply to ${shown.split(' ')[0]}`);
  }

  /** Upgrades the connection to TLS after `AUTH TLS` was accepted. */
  async upgradeToTls(options: ConnectionOptions, timeoutMs: number): Promise<TLSSocket> {
    const plain = this.#socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = connectTls({ ...options, socket: plain });
    const ready = new Promise<TLSSocket>((resolve, reject) => {
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    this.#socket = secure;
    try {
      await within(ready, timeoutMs, 'TLS handshake', () => secure.destroy());
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    secure.removeAllListeners('error');
    this.#listen(secure);
    return secure;
  }

  close(): void {
    this.#failure ??= new ConnectionClosedError('the probe closed the control connection');
    this.#socket.destroy();
  }

  #listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      for (const item of this.#parser.push(chunk)) {
        if (isMalformed(item)) {
          this.transcript.add('received', item.malformed);
          this.#fail(new MalformedReplyError(item.malformed));
          socket.destroy();
          return;
        }
        for (const line of item.lines) this.transcript.add('received', line);
        const waiter = this.#waiters.shift();
        if (waiter) waiter.resolve(item);
        else this.#replies.push(item);
      }
    });
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new ConnectionClosedError('the server closed the control connection')));
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.transcript.add('event', error.message);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }
}
