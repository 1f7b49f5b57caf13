import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/index.js';
import { loginEvent, ROLE, secretName } from '../support/fixtures.js';

/** Captures what the handler logs, as parsed JSON lines. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = new Logger({ serviceName: 'test', logLevel: 'DEBUG' });
  // Powertools writes through its own console; replace it to read the records.
  const sink = (text: string) => lines.push(JSON.parse(text));
  Object.assign(logger, { console: { info: sink, error: sink, warn: sink, debug: sink, log: sink, trace: sink } });
  return { logger, lines };
}

/** Captures the embedded-metric-format records the handler writes. */
function capturingMetrics() {
  const records: Record<string, unknown>[] = [];
  const metrics = new Metrics({ namespace: 'Test', serviceName: 'test' });
  Object.assign(metrics, { console: { log: (text: string) => records.push(JSON.parse(text)) } });
  return { metrics, records };
}

describe('handler against FakeSecretsManager (real SDK client, env configuration)', () => {
  let fake: FakeSecretsManager;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await FakeSecretsManager.start();
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
    });
    fake.put(secretName('alice'), { Password: 'correct horse', Role: ROLE, HomeDirectory: '/bucket/alice' });
  });
  afterAll(async () => {
    process.env = saved;
    await fake.close();
  });
  afterEach(() => fake.clearFaults());

  async function login(env: Record<string, string> = {}, event = loginEvent()) {
    const { logger, lines } = capturingLogger();
    const { metrics, records } = capturingMetrics();
    const handler = createHandler({
      env: { ...process.env, SECRET_LOOKUP_TIMEOUT_MS: '500', ...env },
      logger,
      metrics,
    });
    const started = performance.now();
    const response = await handler(event);
    return { response, ms: performance.now() - started, log: lines.at(-1) ?? {}, handler, lines, records };
  }

  it('found: allows, and a second login is served from the cache', async () => {
    const first = await login();
    expect(first.response).toEqual({ Role: ROLE, HomeDirectory: '/bucket/alice' });
    expect(first.log).toMatchObject({ decision: 'allow', reason: 'password', user: 'alice', cached: false });
    expect(first.ms).toBeLessThan(2_000);
    const calls = fake.callCount('GetSecretValue');
    expect(await first.handler(loginEvent())).toMatchObject({ Role: ROLE });
    expect(fake.callCount('GetSecretValue')).toBe(calls);
    expect(first.lines.at(-1)).toMatchObject({ cached: true });
    // Embedded metric format: allow/deny by reason, cache hits and misses.
    expect(first.records).toContainEqual(expect.objectContaining({ Reason: 'password', LoginAllowed: 1 }));
    expect(first.records).toContainEqual(expect.objectContaining({ SecretCacheMiss: 1 }));
    expect(first.records).toContainEqual(expect.objectContaining({ SecretCacheHit: 1 }));
    expect(first.records[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'Test', Dimensions: [['service', 'Reason'], ['service']] }] },
    });
  });

  it('not found: denies with {} as unknown-user', async () => {
    const result = await login({}, loginEvent({ username: 'mallory' }));
    expect(result.response).toEqual({});
    expect(result.log).toMatchObject({ decision: 'deny', reason: 'unknown-user' });
    expect(result.records).toContainEqual(expect.objectContaining({ Reason: 'unknown-user', LoginDenied: 1 }));
    expect(result.ms).toBeLessThan(2_000);
  });

  it('throttled: fails closed within the lookup bound', async () => {
    fake.fail({ kind: 'throttle' });
    const result = await login({ SECRET_LOOKUP_TIMEOUT_MS: '3000' });
    expect(result.response).toEqual({});
    expect(result.log).toMatchObject({ decision: 'deny', reason: 'lookup-failed' });
    expect(result.ms).toBeLessThan(3_300);
  });

  it('slow beyond the bound: denies at the bound, not when the answer finally comes', async () => {
    fake.fail({ kind: 'slow', ms: 4_000 });
    const result = await login({ SECRET_LOOKUP_TIMEOUT_MS: '400' });
    expect(result.response).toEqual({});
    expect(result.log).toMatchObject({
      decision: 'deny',
      reason: 'lookup-failed',
      detail: expect.stringContaining('400 ms'),
    });
    expect(result.ms).toBeGreaterThanOrEqual(390);
    expect(result.ms).toBeLessThan(1_500);
  });

  it('5xx: fails closed', async () => {
    fake.fail({ kind: 'server-error', status: 500 });
    const result = await login({ SECRET_LOOKUP_TIMEOUT_MS: '3000' });
    expect(result.response).toEqual({});
    expect(result.log).toMatchObject({ decision: 'deny', reason: 'lookup-failed' });
    expect(result.ms).toBeLessThan(3_300);
  });

  it('only allowed servers: another server id is denied before any lookup', async () => {
    const calls = fake.callCount('GetSecretValue');
    const result = await login({ ALLOWED_SERVER_IDS: 's-00000000000000000, s-11111111111111111' });
    expect(result.response).toEqual({});
    expect(result.log).toMatchObject({ reason: 'server-not-allowed' });
    expect(fake.callCount('GetSecretValue')).toBe(calls);
  });

  it('a bad configuration denies every login and names the variable', async () => {
    const result = await login({ CACHE_TTL_SECONDS: 'soon' });
    expect(result.response).toEqual({});
    expect(result.log).toMatchObject({ level: 'ERROR', error: expect.stringContaining('CACHE_TTL_SECONDS') });
  });

  it('the secret name template decides which secret is read', async () => {
    fake.put('ftp/alice', { Password: 'correct horse', Role: ROLE });
    const result = await login({ SECRET_NAME_TEMPLATE: 'ftp/{username}' });
    expect(result.response).toEqual({ Role: ROLE });
    expect(fake.calls.at(-1)).toEqual({ operation: 'GetSecretValue', input: { SecretId: 'ftp/alice' } });
  });
});
