/** The result of looking a user's secret up. `secret` is the raw value (JSON string or object). */
export type UserLookup = { found: false; cached: boolean } | { found: true; secret: unknown; cached: boolean };

/** Where user secrets come from. Sources are injected into `authenticate`, never global. */
export interface UserStore {
  find(secretName: string): Promise<UserLookup>;
  /**
   * Reads the secret again, past any cache, if the store allows it now (rate-limited per user); `undefined` when
   * it does not. `authenticate` calls it when a password does not match a cached record, so a changed
   * password takes effect without waiting out the cache.
   */
  refresh?(secretName: string): Promise<UserLookup | undefined>;
}
