import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { BlockedPortsSetupError, PortInUseError } from '../errors.js';
import type { PassiveExpectation } from './passive-port-pool.js';

// Runs in a worker thread: listens, then blocks its event loop so the kernel accepts into a queue nobody drains.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const { host, ports, stop } = workerData;
let listening = 0;
for (const port of ports) {
  const server = net.createServer();
  server.on('error', (error) => { parentPort.postMessage({ error: error.code, port }); process.exit(1); });
  server.listen({ host, port, backlog: 1, exclusive: true }, () => {
    if (++listening < ports.length) return;
    parentPort.postMessage({ ready: true });
    const flag = new Int32Array(stop);
    while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
    process.exit(0);
  });
}
`;

const FILL_STEP_MS = 250;

/** Opens connections to `port` until one hangs in SYN-SENT: from then on the listen queue is full. */
async function fillListenQueue(host: string, port: number): Promise<Socket[]> {
  const fillers: Socket[] = [];
  for (let attempt = 0; attempt < 16; attempt++) {
    const socket = connect({ host: host === '0.0.0.0' ? '127.0.0.1' : host, port });
    socket.on('error', () => {});
    const connected = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), FILL_STEP_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        done(true);
      });
    });
    if (!connected) {
      socket.destroy();
      return fillers;
    }
    fillers.push(socket);
  }
  for (const socket of fillers) socket.destroy();
  throw new BlockedPortsSetupError(`could not fill the listen queue of port ${port}`);
}

/**
 * The `data-ports-blocked` fault: the passive ports exist but silently drop connection attempts, like a security
 * group dropping SYNs, so clients time out (no refusal). Works unprivileged: a listener whose accept queue is
 * full makes Linux drop new SYNs, and a blocked worker thread keeps the queue full.
 */
export class BlockedDataPorts {
  #next = 0;

  private constructor(
    private readonly ports: number[],
    private readonly worker: Worker,
    private readonly exited: Promise<unknown>,
    private readonly stopFlag: Int32Array,
    private readonly fillers: Socket[],
  ) {}

  static async open(host: string, range: { from: number; to: number }): Promise<BlockedDataPorts> {
    const ports = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
    const stop = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { host, ports, stop } });
    const stopFlag = new Int32Array(stop);
    // Recorded from the start, so close() never waits for an exit that already happened.
    const exited = new Promise((done) => worker.once('exit', done));
    try {
      await new Promise<void>((ready, fail) => {
        worker.once('message', (message: { ready?: boolean; error?: string; port?: number }) => {
          if (message.ready) ready();
          else fail(new PortInUseError(message.port ?? 0, host, { cause: new Error(message.error) }));
        });
        worker.once('error', fail);
        exited.then(() => fail(new BlockedPortsSetupError('the data-ports-blocked worker stopped before listening')));
      });
      const fillers = (await Promise.all(ports.map((port) => fillListenQueue(host, port)))).flat();
      return new BlockedDataPorts(ports, worker, exited, stopFlag, fillers);
    } catch (error) {
      Atomics.store(stopFlag, 0, 1);
      Atomics.notify(stopFlag, 0);
      await worker.terminate();
      throw error;
    }
  }

  /** Names a port as usual; the connection it waits for never comes. */
  async expect(): Promise<PassiveExpectation> {
    const port = this.ports[this.#next++ % this.ports.length]!;
    return { port, connection: new Promise<never>(() => {}), cancel: () => {} };
  }

  async close(): Promise<void> {
    for (const socket of this.fillers) socket.destroy();
    Atomics.store(this.stopFlag, 0, 1);
    Atomics.notify(this.stopFlag, 0);
    // The worker sees the flag at once (Atomics.notify); terminate it only if it is somehow stuck.
    const stuck = setTimeout(() => void this.worker.terminate(), 2000);
    await this.exited;
    clearTimeout(stuck);
  }
}
