import type { UserLookup, UserStore } from './user-store.js';

/** Secrets held in memory, keyed by secret name: for tests and local use. */
export class InMemoryUserStore implements UserStore {
  readonly #secrets: Map<string, unknown>;

  constructor(secrets: Record<string, unknown> = {}) {
    this.#secrets = new Map(Object.entries(secrets));
  }

  set(secretName: string, secret: unknown): void {
    this.#secrets.set(secretName, secret);
  }

  delete(secretName: string): void {
    this.#secrets.delete(secretName);
  }

  async find(secretName: string): Promise<UserLookup> {
    return this.#secrets.has(secretName)
      ? { found: true, secret: this.#secrets.get(secretName), cached: false }
      : { found: false, cached: false };
  }
}
