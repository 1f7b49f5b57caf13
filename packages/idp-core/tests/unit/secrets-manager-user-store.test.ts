import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SecretsManagerUserStore,
  type SecretsManagerUserStoreOptions,
  UserLookupError,
  UserLookupThrottledError,
  UserLookupTimeoutError,
} from '../../src/index.js';
import { ROLE, secretName } from '../support/fixtures.js';

describe('SecretsManagerUserStore against FakeSecretsManager (real SDK client)', () => {
  let fake: FakeSecretsManager;
  beforeAll(async () => {
    fake = await FakeSecretsManager.start();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.clearFaults();
    fake.calls.length = 0;
    fake.secrets.clear();
  });

  const storeFor = (options: SecretsManagerUserStoreOptions = {}) =>
    new SecretsManagerUserStore({ client: new SecretsManagerClient(fake.clientConfig), ...options });

  it('finds a secret, then serves it from the cache', async () => {
    fake.put(secretName('alice'), { Password: 'p', Role: ROLE });
    const store = storeFor();
    expect(await store.find(secretName('alice'))).toEqual({
      found: true,
      cached: false,
      secret: { Password: 'p', Role: ROLE },
    });
    expect(await store.find(secretName('alice'))).toMatchObject({ found: true, cached: true });
    expect(fake.callCount('GetSecretValue')).toBe(1);
  });

  it('reports a missing secret as not found and caches that for the negative TTL', async () => {
    let now = 1_000_000;
    const store = storeFor({ negativeCacheTtlSeconds: 5, cacheTtlSeconds: 60, now: () => now });
    expect(await store.find(secretName('bob'))).toEqual({ found: false, cached: false });
    expect(await store.find(secretName('bob'))).toEqual({ found: false, cached: true });
    expect(fake.callCount('GetSecretValue')).toBe(1);
    fake.put(secretName('bob'), { Role: ROLE });
    now += 5_001;
    expect(await store.find(secretName('bob'))).toMatchObject({ found: true, cached: false });
    expect(fake.callCount('GetSecretValue')).toBe(2);
  });

  it('re-reads a found secret after its TTL; TTL 0 disables the cache', async () => {
    fake.put(secretName('alice'), { Role: ROLE });
    let now = 0;
    const store = storeFor({ cacheTtlSeconds: 30, now: () => now });
    await store.find(secretName('alice'));
    now += 29_000;
    await store.find(secretName('alice'));
    expect(fake.callCount('GetSecretValue')).toBe(1);
    now += 2_000;
    await store.find(secretName('alice'));
    expect(fake.callCount('GetSecretValue')).toBe(2);
    const uncached = storeFor({ cacheTtlSeconds: 0 });
    await uncached.find(secretName('alice'));
    await uncached.find(secretName('alice'));
    expect(fake.callCount('GetSecretValue')).toBe(4);
  });

  it('makes one call for concurrent lookups of one user (single-flight)', async () => {
    fake.put(secretName('alice'), { Role: ROLE });
    fake.fail({ kind: 'slow', ms: 50 });
    const store = storeFor();
    const lookups = await Promise.all(Array.from({ length: 25 }, () => store.find(secretName('alice'))));
    expect(lookups.every((lookup) => lookup.found)).toBe(true);
    expect(fake.callCount('GetSecretValue')).toBe(1);
  });

  it('refresh re-reads at most once per interval per user', async () => {
    fake.put(secretName('alice'), { Role: ROLE, Password: 'old' });
    let now = 0;
    const store = storeFor({ refreshIntervalSeconds: 10, now: () => now });
    await store.find(secretName('alice'));
    now += 10_000;
    fake.put(secretName('alice'), { Role: ROLE, Password: 'new' });
    expect(await store.refresh(secretName('alice'))).toMatchObject({ found: true, secret: { Password: 'new' } });
    expect(await store.refresh(secretName('alice'))).toBeUndefined();
    now += 9_999;
    expect(await store.refresh(secretName('alice'))).toBeUndefined();
    expect(fake.callCount('GetSecretValue')).toBe(2);
    const cached = await store.find(secretName('alice'));
    expect(cached).toMatchObject({ cached: true, secret: { Password: 'new' } });
    // The same object on every cached lookup, so authenticate parses the record once.
    const again = (await store.find(secretName('alice'))) as { secret: unknown };
    expect(again.secret).toBe((cached as { secret: unknown }).secret);
  });

  it('fails closed on throttling, after the SDK retries within the bound', async () => {
    fake.fail({ kind: 'throttle' });
    const store = storeFor({ lookupTimeoutMs: 5_000 });
    await expect(store.find(secretName('alice'))).rejects.toBeInstanceOf(UserLookupThrottledError);
    expect(fake.callCount('GetSecretValue')).toBe(3); // the SDK's standard retry: 3 attempts
  });

  it('fails closed on 5xx and on AccessDenied, and caches neither', async () => {
    const store = storeFor({ client: new SecretsManagerClient({ ...fake.clientConfig, maxAttempts: 1 }) });
    fake.fail({ kind: 'server-error', status: 503 });
    await expect(store.find(secretName('alice'))).rejects.toThrow(/lookup failed/);
    fake.clearFaults();
    fake.fail({
      kind: 'error',
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform this operation',
    });
    await expect(store.find(secretName('alice'))).rejects.toThrow('AccessDeniedException');
    fake.clearFaults();
    fake.put(secretName('alice'), { Role: ROLE });
    expect(await store.find(secretName('alice'))).toMatchObject({ found: true, cached: false });
  });

  it('bounds a slow answer by the lookup timeout', async () => {
    fake.put(secretName('alice'), { Role: ROLE });
    fake.fail({ kind: 'slow', ms: 3_000 });
    const store = storeFor({ lookupTimeoutMs: 300 });
    const started = performance.now();
    await expect(store.find(secretName('alice'))).rejects.toBeInstanceOf(UserLookupTimeoutError);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
  });
});

describe('SecretsManagerUserStore logic (aws-sdk-client-mock)', () => {
  it('passes text that is not JSON on unchanged, so the record check names it', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(GetSecretValueCommand).resolves({ SecretString: 'hunter2' });
    expect(await new SecretsManagerUserStore({ client }).find('x')).toEqual({
      found: true,
      secret: 'hunter2',
      cached: false,
    });
    mock.restore();
  });

  it('passes the binary-only case on as found-but-empty, so the record check denies it', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    expect(await new SecretsManagerUserStore({ client }).find('x')).toEqual({
      found: true,
      secret: undefined,
      cached: false,
    });
    mock.restore();
  });

  it('asks for the exact secret name, and wraps unknown errors as UserLookupError with the cause', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    const cause = Object.assign(new Error('boom'), { name: 'DecryptionFailure' });
    mock.on(GetSecretValueCommand, { SecretId: 'aws/transfer/s-1/alice' }).rejects(cause);
    const error = await new SecretsManagerUserStore({ client }).find('aws/transfer/s-1/alice').catch((e) => e);
    expect(error).toBeInstanceOf(UserLookupError);
    expect(error.message).toContain('DecryptionFailure');
    expect(error.cause).toBe(cause);
    mock.restore();
  });

  it('drops the oldest secret when the cache is full', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(GetSecretValueCommand).callsFake(async ({ SecretId }) => ({ SecretString: `{"n":"${SecretId}"}` }));
    const store = new SecretsManagerUserStore({ client, maxCachedSecrets: 2 });
    await store.find('a');
    await store.find('b');
    await store.find('c');
    expect((await store.find('c')).cached).toBe(true);
    expect((await store.find('a')).cached).toBe(false);
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(4);
    mock.restore();
  });
});
