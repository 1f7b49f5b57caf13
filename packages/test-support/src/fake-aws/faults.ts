/** A failure a fake plays instead of its answer. */
export type FakeFault =
  | { kind: 'throttle' }
  | { kind: 'server-error'; status?: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'garbage' }
  | { kind: 'hang' }
  | { kind: 'error'; code: string; message: string; status?: number };

export interface FaultScope {
  /** Only calls of this operation fail; default every operation. */
  operation?: string;
  /** Only the next `times` matching calls fail; default until `clearFaults()`. */
  times?: number;
}

/** Thrown by a handler to answer with a service error, as AWS would (e.g. ResourceNotFoundException). */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'FakeAwsError';
  }
}

/** The faults armed on one fake, consumed in the order they were armed. */
export class FaultSchedule {
  #armed: Array<{ fault: FakeFault; operation: string | undefined; remaining: number }> = [];

  arm(fault: FakeFault, scope: FaultScope = {}): void {
    this.#armed.push({ fault, operation: scope.operation, remaining: scope.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#armed = [];
  }

  /** The fault this call meets, if any (and one use of it spent). */
  take(operation: string): FakeFault | undefined {
    const armed = this.#armed.find((entry) => entry.remaining > 0 && (entry.operation ?? operation) === operation);
    if (armed === undefined) return undefined;
    armed.remaining--;
    return armed.fault;
  }
}
