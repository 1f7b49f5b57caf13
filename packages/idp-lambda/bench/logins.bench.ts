// Our handler vs a reference handler written the way AWS's official Secrets Manager template works, both against
// the same FakeSecretsManagerServer, in this one process.

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FakeSecretsManagerServer } from '../../idp-core/test/support/fake-secrets-manager-server.js';
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

const fake = await FakeSecretsManagerServer.start();
for (const user of USERS) {
  fake.put(`aws/transfer/${SERVER_ID}/${user}`, {
    Password: `pw-${user}`,
    Role: ROLE,
    HomeDirectory: `/bucket/${user}`,
  });
}
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
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
const ours = createHandler({ logger, metrics });

async function check(handler: (e: ReturnType<typeof event>) => Promise<unknown>) {
  const response = (await handler(event('user1'))) as { Role?: string };
  if (response.Role !== ROLE) throw new Error('handler does not allow a right password');
}
await check(ours);
await check(referenceHandler);

// 1. Secrets Manager calls for 1,000 logins spread over 10 users.
async function countCalls(handler: (e: ReturnType<typeof event>) => Promise<unknown>) {
  const before = fake.callCount();
  for (let i = 0; i < 1000; i++) await handler(event(USERS[i % USERS.length]!));
  return fake.callCount() - before;
}
const fresh = createHandler({ logger, metrics });
const ourCalls = await countCalls(fresh);
const referenceCalls = await countCalls(referenceHandler);

// 2. Warm login throughput (plain-password users, cache hit), in alternating rounds so load spikes hit both.
async function rate(handler: (e: ReturnType<typeof event>) => Promise<unknown>, logins: number) {
  globalThis.gc?.(); // each round starts from a clean heap, not with the other handler's garbage
  const started = performance.now();
  for (let i = 0; i < logins; i++) await handler(event(USERS[i % USERS.length]!));
  return logins / ((performance.now() - started) / 1000);
}
await rate(ours, 5_000);
await rate(referenceHandler, 20);
const rounds: { ours: number; reference: number }[] = [];
for (let round = 0; round < 5; round++)
  rounds.push({ ours: await rate(ours, 10_000), reference: await rate(referenceHandler, 100) });
const middle = <T>(values: T[], key: (v: T) => number) =>
  [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)]!;
const ourRate = middle(rounds, (r) => r.ours).ours;
const referenceRate = middle(rounds, (r) => r.reference).reference;
const rateRatio = middle(rounds, (r) => r.ours / r.reference);

// 3. Median time of unknown-user and wrong-password denials (plain-text and hashed users), interleaved.
const { hashPassword } = await import('@closed-ftp/idp-core');
fake.put(`aws/transfer/${SERVER_ID}/hashed`, { PasswordHash: await hashPassword('pw-hashed'), Role: ROLE });
await ours(event('hashed', 'warm-the-cache'));
const samples: Record<'unknown' | 'wrongPlain' | 'wrongHashed', number[]> = {
  unknown: [],
  wrongPlain: [],
  wrongHashed: [],
};
for (let i = 0; i < 31; i++) {
  for (const [kind, input] of [
    ['unknown', event('nobody', 'guess')],
    ['wrongPlain', event('user3', 'guess')],
    ['wrongHashed', event('hashed', 'guess')],
  ] as const) {
    const started = performance.now();
    await ours(input);
    samples[kind].push(performance.now() - started);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const unknownMs = median(samples.unknown);
const wrongPlainMs = median(samples.wrongPlain);
const wrongHashedMs = median(samples.wrongHashed);
await fake.close();

const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
console.log(`## logins (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
console.log(
  `Secrets Manager calls for 1,000 logins over 10 users: ours ${ourCalls}, reference ${referenceCalls} -> ${(referenceCalls / ourCalls).toFixed(0)}x fewer (target >= 20x)`,
);
console.log(
  `warm logins per second (median of 5 alternating rounds): ours ${ourRate.toFixed(0)}, reference ${referenceRate.toFixed(0)}; median round ratio ${(rateRatio.ours / rateRatio.reference).toFixed(0)}x (target >= 50x)`,
);
console.log(
  `median denial: unknown user ${unknownMs.toFixed(1)} ms, wrong plain-text password ${wrongPlainMs.toFixed(1)} ms (${pct(unknownMs, wrongPlainMs)}), wrong hashed password ${wrongHashedMs.toFixed(1)} ms (${pct(unknownMs, wrongHashedMs)}) (target within 10 %)`,
);
