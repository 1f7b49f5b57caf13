// Our handler vs a reference handler written the way AWS's official Secrets Manager template works, both against
// the same FakeSecretsManager through the real SDK client, in this one process.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { hashPassword } from '@closed-ftp/idp-core';
import { recordFigure } from '@closed-ftp/test-support/bench';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { afterAll, bench, describe } from 'vitest';
import { createHandler } from '../src/handler.js';

const SERVER_ID = 's-0123456789abcdef0';
const ROLE = 'arn:aws:iam::123456789012:role/transfer-user';
const USERS = Array.from({ length: 10 }, (_, i) => `user${i}`);
const event = (username: string, password = `pw-${username}`) => ({
  username,
  password,
  protocol: 'FTP',
  serverId: SERVER_ID,
  sourceIp: '10.0.0.1',
});
type Handler = (e: ReturnType<typeof event>) => Promise<unknown>;

const fake = await FakeSecretsManager.start();
afterAll(() => fake.close());
for (const user of USERS) {
  fake.put(`aws/transfer/${SERVER_ID}/${user}`, {
    Password: `pw-${user}`,
    Role: ROLE,
    HomeDirectory: `/bucket/${user}`,
  });
}
fake.put(`aws/transfer/${SERVER_ID}/hashed`, { PasswordHash: await hashPassword('pw-hashed'), Role: ROLE });
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** The official template's logic: a new client per call, no cache, plain `!=` comparison. */
async function referenceHandler(input: ReturnType<typeof event>): Promise<Record<string, unknown>> {
  const client = new SecretsManagerClient({});
  let secret: Record<string, string>;
  try {
    const output = await client.send(
      new GetSecretValueCommand({ SecretId: `aws/transfer/${input.serverId}/${input.username}` }),
    );
    secret = JSON.parse(output.SecretString ?? '{}');
  } catch {
    return {};
  } finally {
    client.destroy(); // as Python frees the template's client: no sockets left open between calls
  }
  if (input.password !== secret.Password) return {};
  const response: Record<string, unknown> = { Role: secret.Role };
  if (secret.HomeDirectory) response.HomeDirectory = secret.HomeDirectory;
  return response;
}

// Our handler with its logs and metrics on, written to a sink so the terminal stays readable.
const sink = { log() {}, info() {}, error() {}, warn() {}, debug() {}, trace() {} };
const logger = Object.assign(new Logger({ serviceName: 'bench' }), { console: sink });
const metrics = Object.assign(new Metrics({ namespace: 'Bench', serviceName: 'bench' }), { console: sink });
const ours: Handler = createHandler({ logger, metrics });

for (const handler of [ours, referenceHandler]) {
  const response = (await handler(event('user1'))) as { Role?: string };
  if (response.Role !== ROLE) throw new Error('a handler does not allow a right password');
}

// 1. Secrets Manager calls for 1,000 logins spread over 10 users.
async function countCalls(handler: Handler): Promise<number> {
  const before = fake.callCount('GetSecretValue');
  for (let i = 0; i < 1000; i++) await handler(event(USERS[i % USERS.length]!));
  return fake.callCount('GetSecretValue') - before;
}
const ourCalls = await countCalls(createHandler({ logger, metrics }));
const referenceCalls = await countCalls(referenceHandler);
const callsGroup = 'Secrets Manager calls, 1,000 logins over 10 users';
recordFigure({ group: callsGroup, name: 'reference (official template)', value: referenceCalls, unit: 'calls' });
recordFigure({
  group: callsGroup,
  name: 'ours',
  value: ourCalls,
  unit: 'calls',
  baseline: referenceCalls,
  target: '<= 0.05x (20x fewer)',
});

// 2. Warm login throughput (plain-password users, cache hit), in alternating rounds so load spikes hit both.
async function rate(handler: Handler, logins: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < logins; i++) await handler(event(USERS[i % USERS.length]!));
  return logins / ((performance.now() - started) / 1000);
}
await rate(ours, 5_000);
await rate(referenceHandler, 20);
const rounds: { ours: number; reference: number }[] = [];
for (let round = 0; round < 5; round++) {
  rounds.push({ ours: await rate(ours, 10_000), reference: await rate(referenceHandler, 100) });
}
const middle = <T>(values: T[], key: (v: T) => number) =>
  [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)]!;
const median = middle(rounds, (r) => r.ours / r.reference);
const rateGroup = 'warm logins per second, median of 5 alternating rounds';
recordFigure({ group: rateGroup, name: 'reference (official template)', value: median.reference, unit: 'logins/s' });
recordFigure({
  group: rateGroup,
  name: 'ours',
  value: median.ours,
  unit: 'logins/s',
  baseline: median.reference,
  target: '>= 50x',
});

// 3. Median time of unknown-user and wrong-password denials (plain-text and hashed users), interleaved.
await ours(event('hashed', 'warm-the-cache'));
const samples: Record<'unknown' | 'wrongPlain' | 'wrongHashed', number[]> = {
  unknown: [],
  wrongPlain: [],
  wrongHashed: [],
};
for (let i = 0; i < 31; i++) {
  for (const [kind, input] of [
    ['wrongHashed', event('hashed', 'guess')],
    ['unknown', event('nobody', 'guess')],
    ['wrongPlain', event('user3', 'guess')],
  ] as const) {
    const started = performance.now();
    await ours(input);
    samples[kind].push(performance.now() - started);
  }
}
const medianMs = (values: number[]) => middle(values, (v) => v);
const denialGroup = 'median denial time, interleaved (same response, same time)';
const wrongHashedMs = medianMs(samples.wrongHashed);
recordFigure({ group: denialGroup, name: 'wrong hashed password', value: wrongHashedMs, unit: 'ms' });
for (const [name, kind] of [
  ['unknown user', 'unknown'],
  ['wrong plain-text password', 'wrongPlain'],
] as const) {
  recordFigure({
    group: denialGroup,
    name,
    value: medianMs(samples[kind]),
    unit: 'ms',
    baseline: wrongHashedMs,
    target: '0.90x-1.10x',
  });
}

// 4. The same warm login as vitest benches: time per login, the reference first (the baseline).
let next = 0;
const nextUser = () => USERS[next++ % USERS.length]!;
describe('one warm login (plain password; ours from its cache)', () => {
  bench('reference (official template)', () => referenceHandler(event(nextUser())).then(() => undefined), {
    time: 2_000,
  });
  bench('ours', () => ours(event(nextUser())).then(() => undefined), { time: 2_000 });
});
