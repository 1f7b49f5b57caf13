import { connect, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';

/** A bare control connection for checking exact replies: send a line, read one (multi-line) reply. */
export class RawControl {
  #socket: Socket | TLSSocket;
  #buffer = '';
  #waiters: Array<() => void> = [];
  closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.#listen(socket);
  }

  static async open(host: string, port: number): Promise<RawControl> {
    const socket = connect({ host, port });
    await new Promise<void>((done, fail) => {
      socket.once('connect', done);
      socket.once('error', fail);
    });
    return new RawControl(socket);
  }

  #listen(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on('error', () => {});
  }

  /** The next complete reply, e.g. `{ code: 230, text: '230 User logged in' }`. */
  async reply(timeoutMs = 5000): Promise<{ code: number; text: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /^(\d{3})(?: [^\r\n]*|-[\s\S]*?\r\n\1 [^\r\n]*)\r\n/.exec(this.#buffer);
      if (match) {
        this.#buffer = this.#buffer.slice(match[0].length);
        return { code: Number(match[1]), text: match[0].trimEnd() };
      }
      if (this.closed) throw new Error(`connection closed; unparsed: ${JSON.stringify(this.#buffer)}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, remaining);
        this.#waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  async send(line: string, timeoutMs?: number): Promise<{ code: number; text: string }> {
    this.#socket.write(`${line}\r\n`);
    return this.reply(timeoutMs);
  }

  write(data: string | Buffer): void {
    this.#socket.write(data);
  }

  /** Switches to TLS after a 234 reply. */
  async startTls(ca: string | undefined): Promise<void> {
    const plain = this.#socket as Socket;
    plain.removeAllListeners('data');
    const secure = connectTls({ socket: plain, ca, servername: 'localhost', rejectUnauthorized: ca !== undefined });
    await new Promise<void>((done, fail) => {
      secure.once('secureConnect', done);
      secure.once('error', fail);
    });
    this.#socket = secure;
    this.#listen(secure);
  }

  async login(user: string, password: string): Promise<{ code: number; text: string }> {
    await this.send(`USER ${user}`);
    return this.send(`PASS ${password}`);
  }

  close(): void {
    this.#socket.destroy();
  }
}

/** Opens a control connection and consumes the 220 greeting. */
export async function openControl(host: string, port: number): Promise<RawControl> {
  const control = await RawControl.open(host, port);
  const greeting = await control.reply();
  if (greeting.code !== 220) throw new Error(`expected 220, got ${greeting.text}`);
  return control;
}
