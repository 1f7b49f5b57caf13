import { connect as connectTcp, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls, type TLSSocket } from 'node:tls';
import { within } from '../deadline.js';
import { ConnectionClosedError } from '../errors.js';

/** A passive-mode data connection the probe opened to the server. */
export class PassiveDataChannel {
  private constructor(
    readonly socket: Socket | TLSSocket,
    readonly connectMs: number,
  ) {}

  /** Opens TCP to the advertised address; a dropped SYN shows as a DeadlineError, a refusal as ECONNREFUSED. */
  static open(host: string, port: number, timeoutMs: number): Promise<PassiveDataChannel> {
    const started = performance.now();
    const socket = connectTcp({ host, port });
    const connected = new Promise<PassiveDataChannel>((resolve, reject) => {
      socket.once('connect', () => resolve(new PassiveDataChannel(socket, Math.round(performance.now() - started))));
      socket.once('error', reject);
    });
    // A data socket must never keep the process alive or throw after we gave up on it.
    socket.on('error', () => {});
    return within(connected, timeoutMs, `data connection to ${host}:${port}`, () => socket.destroy());
  }

  get local(): string {
    return `${this.socket.localAddress}:${this.socket.localPort}`;
  }

  get remote(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  /**
   * Starts TLS on the data connection (PROT P). Passing the control connection's session lets the server see a
   * resumed session, which Transfer's default TlsSessionResumptionMode ENFORCED requires.
   */
  secure(options: ConnectionOptions): Promise<{ channel: PassiveDataChannel; sessionReused: boolean }> {
    const secure = connectTls({ ...options, socket: this.socket as Socket });
    secure.on('error', () => {});
    return new Promise((resolve, reject) => {
      secure.once('secureConnect', () =>
        resolve({ channel: new PassiveDataChannel(secure, this.connectMs), sessionReused: secure.isSessionReused() }),
      );
      secure.once('error', reject);
      secure.once('close', () => reject(new ConnectionClosedError('the server closed the data connection during TLS')));
    });
  }

  /** Reads until the server closes the data connection; keeps at most `keepBytes` of what arrived. */
  readAll(keepBytes = 64 * 1024): { done: Promise<Buffer>; received: () => number; firstByteAtMs: () => number } {
    let total = 0;
    let firstByteAt = -1;
    const kept: Buffer[] = [];
    let keptBytes = 0;
    const done = new Promise<Buffer>((resolve, reject) => {
      this.socket.on('data', (chunk: Buffer) => {
        if (firstByteAt < 0) firstByteAt = performance.now();
        total += chunk.length;
        if (keptBytes < keepBytes) {
          kept.push(chunk.subarray(0, keepBytes - keptBytes));
          keptBytes += Math.min(chunk.length, keepBytes - keptBytes);
        }
      });
      this.socket.once('end', () => resolve(Buffer.concat(kept)));
      this.socket.once('error', reject);
      this.socket.once('close', () => resolve(Buffer.concat(kept)));
    });
    done.catch(() => {});
    return { done, received: () => total, firstByteAtMs: () => firstByteAt };
  }

  /** Sends the whole buffer and closes our side, which tells the server the upload is complete. */
  writeAll(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.end(data, () => resolve());
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
