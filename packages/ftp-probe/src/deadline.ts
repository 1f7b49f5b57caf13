import { DeadlineError } from './errors.js';

/**
 * Races a promise against a timer. On timeout `onTimeout` runs (to destroy the socket we were waiting on) and the
 * result rejects with a DeadlineError.
 */
export function within<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  if (ms <= 0) {
    onTimeout?.();
    promise.catch(() => {});
    return Promise.reject(new DeadlineError(what, 0));
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeadlineError(what, ms));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The probe's global deadline; each step gets its own budget, capped by what is left of the global one. */
export class Deadline {
  readonly #endsAt: number;
  constructor(totalMs: number) {
    this.#endsAt = performance.now() + totalMs;
  }
  remainingMs(): number {
    return Math.max(0, Math.floor(this.#endsAt - performance.now()));
  }
  budget(stepMs: number): number {
    return Math.min(stepMs, this.remainingMs());
  }
}
