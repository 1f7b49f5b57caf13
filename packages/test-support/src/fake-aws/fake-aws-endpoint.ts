import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeAwsError, type FakeFault, FaultSchedule, type FaultScope } from './faults.js';
import type { WireProtocol } from './wire-protocol.js';

/** Answers one operation: the service's output as a plain object, or a thrown `FakeAwsError`. */
export type FakeHandler = (input: Record<string, unknown>) => unknown;
export type FakeHandlers = Record<string, FakeHandler>;

export interface FakeAwsCall {
  operation: string;
  input: Record<string, unknown>;
}

export interface FakeAwsOptions {
  /** Answers per operation; an operation without one answers UnknownOperationException. */
  handlers?: FakeHandlers;
}

/**
 * FAKE AWS service endpoint: a local HTTP server speaking one service's real wire protocol, for the real SDK client
 * pointed at `endpoint`. Records every call, answers from handlers, and plays the faults armed with `fail()`.
 */
export class FakeAwsEndpoint {
  readonly calls: FakeAwsCall[] = [];
  readonly #faults = new FaultSchedule();
  readonly #handlers: FakeHandlers;
  readonly #hanging = new Set<ServerResponse>();
  #server: Server | undefined;
  #endpoint: string | undefined;

  protected constructor(
    readonly protocol: WireProtocol,
    handlers: FakeHandlers,
  ) {
    this.#handlers = handlers;
  }

  /** Starts listening on a free loopback port. */
  protected async listen(): Promise<this> {
    const server = createServer((request, response) => {
      this.#serve(request, response).catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** The URL to give an SDK client as `endpoint`. */
  get endpoint(): string {
    if (this.#endpoint === undefined) throw new Error('the fake is not started');
    return this.#endpoint;
  }

  /** SDK client settings pointing at this fake (dummy credentials: the fake checks no signature). */
  get clientConfig() {
    return {
      endpoint: this.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret-access-key' },
    };
  }

  /** How many calls of `operation` (of any, without it) arrived. */
  callCount(operation?: string): number {
    return operation === undefined ? this.calls.length : this.calls.filter((c) => c.operation === operation).length;
  }

  /** Makes the matching calls fail with `fault` (every call until `clearFaults()` unless scoped). */
  fail(fault: FakeFault, scope?: FaultScope): void {
    this.#faults.arm(fault, scope);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Adds or replaces the handler of one operation. */
  on(operation: string, handler: FakeHandler): void {
    this.#handlers[operation] = handler;
  }

  async close(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let call: FakeAwsCall;
    try {
      call = this.protocol.read(request, Buffer.concat(chunks).toString('utf8'));
    } catch {
      return this.protocol.error(response, 400, 'SerializationException', 'The request body could not be read');
    }
    this.calls.push(call);

    const fault = this.#faults.take(call.operation);
    if (fault !== undefined && (await this.#play(fault, response))) return;

    const handler = this.#handlers[call.operation];
    if (handler === undefined) {
      return this.protocol.error(
        response,
        400,
        'UnknownOperationException',
        `the fake does not play ${call.operation}`,
      );
    }
    try {
      this.protocol.answer(response, call.operation, await handler(call.input));
    } catch (error) {
      if (!(error instanceof FakeAwsError)) throw error;
      this.protocol.error(response, error.status, error.code, error.message);
    }
  }

  /** Plays a fault; true when it answered (or will never answer), false when the real answer follows. */
  async #play(fault: FakeFault, response: ServerResponse): Promise<boolean> {
    const { protocol } = this;
    switch (fault.kind) {
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return response.destroyed;
      case 'hang':
        this.#hanging.add(response);
        response.once('close', () => this.#hanging.delete(response));
        return true;
      case 'throttle':
        protocol.error(response, protocol.throttle.status, protocol.throttle.code, protocol.throttle.message);
        return true;
      case 'server-error':
        protocol.error(response, fault.status ?? 500, protocol.internalError.code, protocol.internalError.message);
        return true;
      case 'garbage':
        protocol.garbage(response);
        return true;
      case 'error':
        protocol.error(response, fault.status ?? 400, fault.code, fault.message);
        return true;
    }
  }
}
