import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTempDir } from '@closed-ftp/test-support';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cheapScryptHash, loginEvent, ROLE, secretName } from '../support/fixtures.js';

// Every value below is secret: none may appear in any log line, at any level.
const BUNDLE = fileURLToPath(new URL('../../dist/bundle/index.mjs', import.meta.url));

const PLAIN = 'PLAIN-SECRET-alice-1';
const HASHED = 'HASHED-SECRET-bob-2';
const HASH = cheapScryptHash(HASHED);
const ATTEMPTS = ['ATTEMPT-LEAK-wrong-3', 'ATTEMPT-LEAK-unknown-4', 'ATTEMPT-LEAK-invalid-5'];
const BROKEN_JSON = '{"Password": "BROKEN-JSON-LEAK-6", "Role": ';
const BAD_HASH = '$scrypt$ln=15,r=8,p=1$BADHASHLEAKsalt7$BADHASHLEAKvalue7';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAKEYMATERIALLEAK8 alice@laptop';
const SECRET_VALUES = [
  PLAIN,
  HASHED,
  HASH,
  ...HASH.split('$').slice(3),
  ...ATTEMPTS,
  'BROKEN-JSON-LEAK-6',
  'BADHASHLEAK',
  'KEYMATERIALLEAK8',
];

const secrets: Record<string, unknown> = {
  [secretName('alice')]: { Password: PLAIN, Role: ROLE, PublicKey: KEY, HomeDirectory: '/bucket/alice' },
  [secretName('bob')]: { PasswordHash: HASH, Role: ROLE, AllowedSourceCidrs: ['10.0.0.0/8'] },
  [secretName('carol')]: { Password: PLAIN, Role: ROLE, Disabled: true },
  [secretName('dave')]: { Password: PLAIN, Role: ROLE, AllowedProtocols: ['SFTP'] },
  [secretName('erin')]: BROKEN_JSON,
  [secretName('frank')]: { PasswordHash: BAD_HASH, Role: ROLE },
  [secretName('grace')]: { Password: PLAIN, Role: `not-a-role-${PLAIN}` },
};

const events = [
  loginEvent({ password: PLAIN }),
  loginEvent({ password: ATTEMPTS[0] }),
  loginEvent({ username: 'nobody', password: ATTEMPTS[1] }),
  loginEvent({ username: 'bob', password: HASHED }),
  loginEvent({ username: 'bob', password: ATTEMPTS[0] }),
  loginEvent({ username: 'bob', password: HASHED, sourceIp: '192.0.2.1' }),
  loginEvent({ username: 'carol', password: PLAIN }),
  loginEvent({ username: 'dave', password: PLAIN }),
  loginEvent({ username: 'erin', password: PLAIN }),
  loginEvent({ username: 'frank', password: PLAIN }),
  loginEvent({ username: 'grace', password: PLAIN }),
  loginEvent({ protocol: 'SFTP', password: '' }),
  loginEvent({ protocol: 'FTP', password: '' }),
  loginEvent({ username: 'x', password: ATTEMPTS[2] }),
  loginEvent({ serverId: 'not-a-server', password: ATTEMPTS[2] }),
  { password: ATTEMPTS[2] },
  ATTEMPTS[2],
];

/** Runs the bundled handler in a fresh Node process, as Lambda would, and returns everything it printed. */
function runBundle(env: Record<string, string>, logins: unknown[] = events): Promise<string> {
  const script = `
    const { handler } = await import(${JSON.stringify(BUNDLE)});
    for (const event of JSON.parse(process.env.EVENTS)) await handler(event);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        EVENTS: JSON.stringify(logins),
        POWERTOOLS_LOG_LEVEL: 'TRACE',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
        SECRET_LOOKUP_TIMEOUT_MS: '300',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`exit ${code}: ${output}`))));
  });
}

describe('log scan: the bundled handler at TRACE level never prints a password, hash or secret value', () => {
  let fake: FakeSecretsManager;
  const temp = useTempDir('idp-lambda');
  beforeAll(async () => {
    fake = await FakeSecretsManager.start();
    for (const [name, secret] of Object.entries(secrets)) fake.put(name, secret);
  });
  afterAll(() => fake.close());

  function expectClean(output: string) {
    for (const value of SECRET_VALUES) expect(output, `leaked ${value.slice(0, 12)}...`).not.toContain(value);
  }

  it('every decision path, against Secrets Manager', async () => {
    const output = await runBundle({ AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint });
    expectClean(output);
    const reasons = [...output.matchAll(/"reason":"([a-z-]+)"/g)].map((m) => m[1]);
    expect(new Set(reasons)).toEqual(
      new Set([
        'password',
        'wrong-password',
        'unknown-user',
        'source-ip-not-allowed',
        'user-disabled',
        'protocol-not-allowed',
        'invalid-secret',
        'public-key',
        'empty-password',
        'invalid-event',
      ]),
    );
  });

  it('every failure of Secrets Manager: throttling, 5xx, slow', async () => {
    for (const fault of [{ kind: 'throttle' }, { kind: 'server-error' }, { kind: 'slow', ms: 1_000 }] as const) {
      fake.clearFaults();
      fake.fail(fault);
      const output = await runBundle({ AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint }, events.slice(0, 4));
      expectClean(output);
      expect(output).toContain('"reason":"lookup-failed"');
    }
    fake.clearFaults();
  });

  it('the local user store file, and a broken one', async () => {
    const file = join(temp.path, 'users.json');
    await writeFile(file, JSON.stringify(secrets));
    const output = await runBundle({ USER_STORE_FILE: file });
    expectClean(output);
    expect(output).toContain('"reason":"password"');
    await writeFile(file, `{"${secretName('alice')}": {"Password": "${PLAIN}"`);
    const broken = await runBundle({ USER_STORE_FILE: file });
    expectClean(broken);
    expect(broken).toContain('"reason":"lookup-failed"');
  });

  it('a bad configuration', async () => {
    const output = await runBundle({ CACHE_TTL_SECONDS: PLAIN, AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint });
    expect(output).toContain('CACHE_TTL_SECONDS');
    expectClean(output);
  });
});
