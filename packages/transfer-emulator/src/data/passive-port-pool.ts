import { createServer, type Server, type Socket } from 'node:net';
import { NoPassivePortError, PortInUseError } from '../errors.js';

export { NoPassivePortError };

import { clientAddress } from './client-address.js';

/** A data connection the pool is waiting for: from one client address, on one port. */
export interface PassiveExpectation {
  port: number;
  /** The client's data socket, once it connects. */
  readonly connection: Promise<Socket>;
  cancel(): void;
}

interface Pending {
  accept(socket: Socket): void;
  fail(error: Error): void;
}

/**
 * The passive data ports, shared by all sessions. Each port keeps listening; a PASV/EPSV reserves a port on which
 * this client address has no other pending expectation, so an incoming connection (address, port) matches exactly
 * one session. When all ports are pending for an address, the next reservation waits until one frees.
 */
export class PassivePortPool {
  readonly #servers: Server[] = [];
  readonly #ports: number[];
  /** port -> client address -> the session waiting for that connection */
  readonly #pending = new Map<number, Map<string, Pending>>();
  readonly #waiters = new Map<string, Array<() => void>>();
  #next = 0;
  #closed = false;

  private constructor(ports: number[]) {
    this.#ports = ports;
    for (const port of ports) this.#pending.set(port, new Map());
  }

  static async open(host: string, range: { from: number; to: number }): Promise<PassivePortPool> {
    const ports = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
    const pool = new PassivePortPool(ports);
    try {
      for (const port of ports) pool.#servers.push(await pool.#listen(host, port));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  #listen(host: string, port: number): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.#accept(port, socket));
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE' || error.code === 'EACCES'
            ? new PortInUseError(port, host, { cause: error })
            : error,
        );
      });
      server.listen({ host, port, exclusive: true }, () => resolve(server));
    });
  }

  #accept(port: number, socket: Socket): void {
    const address = clientAddress(socket.remoteAddress);
    const pending = this.#pending.get(port)?.get(address);
    if (!pending) {
      socket.destroy(); // nobody asked for this connection: never hand it to a session
      return;
    }
    this.#release(port, address);
    pending.accept(socket);
  }

  #release(port: number, address: string): void {
    this.#pending.get(port)?.delete(address);
    this.#waiters.get(address)?.shift()?.();
  }

  #freePort(address: string): number | undefined {
    for (let i = 0; i < this.#ports.length; i++) {
      const port = this.#ports[(this.#next + i) % this.#ports.length]!;
      if (!this.#pending.get(port)?.has(address)) {
        this.#next = (this.#next + i + 1) % this.#ports.length;
        return port;
      }
    }
    return undefined;
  }

  /** Reserves a port for the next data connection from `address`; waits up to `waitMs` if all are pending. */
  async expect(address: string, waitMs: number): Promise<PassiveExpectation> {
    const deadline = Date.now() + waitMs;
    let port = this.#freePort(address);
    while (port === undefined) {
      if (this.#closed) throw new NoPassivePortError('the emulator is closing');
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new NoPassivePortError(`all passive ports are busy for ${address}`);
      await new Promise<void>((wake) => {
        const queue = this.#waiters.get(address) ?? [];
        this.#waiters.set(address, queue);
        const timer = setTimeout(() => {
          queue.splice(queue.indexOf(done), 1);
          wake();
        }, remaining);
        const done = () => {
          clearTimeout(timer);
          wake();
        };
        queue.push(done);
      });
      port = this.#freePort(address);
    }
    const reserved = port;
    let pending!: Pending;
    const connection = new Promise<Socket>((accept, fail) => {
      pending = { accept, fail };
    });
    connection.catch(() => {}); // a cancelled expectation nobody awaits is not an unhandled rejection
    this.#pending.get(reserved)!.set(address, pending);
    return {
      port: reserved,
      connection,
      cancel: () => {
        if (this.#pending.get(reserved)?.get(address) !== pending) return;
        this.#release(reserved, address);
        pending.fail(new Error('passive data connection cancelled'));
      },
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const queue of this.#waiters.values()) for (const wake of queue.splice(0)) wake();
    for (const byAddress of this.#pending.values()) {
      for (const pending of byAddress.values()) pending.fail(new Error('the emulator is closing'));
      byAddress.clear();
    }
    await Promise.all(this.#servers.map((server) => new Promise((done) => server.close(done))));
  }
}
