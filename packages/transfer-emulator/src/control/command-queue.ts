import type { ControlLine } from './line-reader.js';

/**
 * The lines a session has read and not yet run, with the flood guard: a client that sends commands without reading
 * replies would grow the queue without bound, so past `maxQueued` lines the session is told to close.
 */
export class CommandQueue {
  #lines: ControlLine[] = [];

  constructor(private readonly maxQueued: number) {}

  /** Queues a line; false when the queue is over its limit (the session then closes). */
  push(line: ControlLine): boolean {
    this.#lines.push(line);
    return this.#lines.length <= this.maxQueued;
  }

  next(): ControlLine | undefined {
    return this.#lines.shift();
  }

  get length(): number {
    return this.#lines.length;
  }

  /** Takes a queued ABOR out of turn (it must reach a running transfer); true if there was one. */
  takeAbort(): boolean {
    const index = this.#lines.findIndex((line) => line.kind === 'line' && /^ABOR\s*$/i.test(line.text));
    if (index === -1) return false;
    this.#lines.splice(index, 1);
    return true;
  }

  clear(): void {
    this.#lines = [];
  }
}
