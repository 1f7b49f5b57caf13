import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { UserLookupError, UserLookupThrottledError, UserLookupTimeoutError } from '../errors.js';
import type { UserLookup, UserStore } from './user-store.js';

export interface SecretsManagerUserStoreOptions {
  /** Created once per store (and so once per Lambda container) when not given. */
  client?: SecretsManagerClient;
  /** How long a found secret is reused. 0 disables the cache. @default 60 */
  cacheTtlSeconds?: number;
  /** How long "no such secret" is reused. @default 10 */
  negativeCacheTtlSeconds?: number;
  /** Bound on one lookup, retries included; keep it well under the Lambda timeout. @default 2000 */
  lookupTimeoutMs?: number;
  /** Least time between two forced re-reads of one user's secret (see `refresh`). @default 10 */
  refreshIntervalSeconds?: number;
  /** Most secrets kept; the oldest is dropped first. @default 10000 */
  maxCachedSecrets?: number;
  /** Clock, for tests. */
  now?: () => number;
}

// Loaded on first lookup: the SDK is most of a cold start, and local stores never need it.
const sdk = () => import('@aws-sdk/client-secrets-manager');

interface CacheEntry {
  lookup: UserLookup;
  expiresAt: number;
  fetchedAt: number;
}

/**
 * Reads user secrets from AWS Secrets Manager with a positive and a negative TTL cache. Concurrent lookups of one
 * secret share one call; every lookup is bounded in time; throttling, timeouts and errors fail closed (throw).
 */
export class SecretsManagerUserStore implements UserStore {
  #client: Promise<SecretsManagerClient> | undefined;
  readonly #ttlMs: number;
  readonly #negativeTtlMs: number;
  readonly #timeoutMs: number;
  readonly #refreshMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inFlight = new Map<string, Promise<UserLookup>>();

  constructor(options: SecretsManagerUserStoreOptions = {}) {
    if (options.client !== undefined) this.#client = Promise.resolve(options.client);
    this.#ttlMs = (options.cacheTtlSeconds ?? 60) * 1000;
    this.#negativeTtlMs = (options.negativeCacheTtlSeconds ?? 10) * 1000;
    this.#timeoutMs = options.lookupTimeoutMs ?? 2000;
    this.#refreshMs = (options.refreshIntervalSeconds ?? 10) * 1000;
    this.#maxEntries = options.maxCachedSecrets ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  async find(secretName: string): Promise<UserLookup> {
    const entry = this.#cache.get(secretName);
    if (entry !== undefined && entry.expiresAt > this.#now()) return { ...entry.lookup, cached: true };
    return this.#fetch(secretName);
  }

  async refresh(secretName: string): Promise<UserLookup | undefined> {
    const entry = this.#cache.get(secretName);
    if (entry !== undefined && this.#now() - entry.fetchedAt < this.#refreshMs) return undefined;
    return this.#fetch(secretName);
  }

  #fetch(secretName: string): Promise<UserLookup> {
    let pending = this.#inFlight.get(secretName);
    if (pending === undefined) {
      pending = this.#read(secretName).finally(() => this.#inFlight.delete(secretName));
      this.#inFlight.set(secretName, pending);
    }
    return pending;
  }

  async #read(secretName: string): Promise<UserLookup> {
    // Outside the lookup bound: loading the SDK is start-up work, not Secrets Manager being slow.
    const { GetSecretValueCommand, SecretsManagerClient } = await sdk();
    this.#client ??= Promise.resolve(new SecretsManagerClient({}));
    const client = await this.#client;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#timeoutMs);
    let lookup: UserLookup;
    try {
      const output = await client.send(new GetSecretValueCommand({ SecretId: secretName }), {
        abortSignal: abort.signal,
      });
      // Parsed once here, so cached logins reuse one object; text that is not JSON goes on for the parser to name.
      // A binary-only secret is found but unusable; the record parser says so.
      lookup = { found: true, secret: parseJson(output.SecretString), cached: false };
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === 'ResourceNotFoundException') {
        lookup = { found: false, cached: false };
      } else if (abort.signal.aborted) {
        throw new UserLookupTimeoutError(`Secrets Manager did not answer within ${this.#timeoutMs} ms`, {
          cause: error,
        });
      } else if (name === 'ThrottlingException') {
        throw new UserLookupThrottledError('Secrets Manager throttled the lookup', { cause: error });
      } else {
        throw new UserLookupError(`Secrets Manager lookup failed (${String(name)})`, { cause: error });
      }
    } finally {
      clearTimeout(timer);
    }
    this.#remember(secretName, lookup);
    return lookup;
  }

  #remember(secretName: string, lookup: UserLookup): void {
    const now = this.#now();
    const ttl = lookup.found ? this.#ttlMs : this.#negativeTtlMs;
    this.#cache.delete(secretName);
    if (this.#cache.size >= this.#maxEntries) this.#cache.delete(this.#cache.keys().next().value as string);
    // Kept even with a zero TTL so `refresh` can still rate-limit re-reads.
    this.#cache.set(secretName, { lookup, expiresAt: now + ttl, fetchedAt: now });
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
