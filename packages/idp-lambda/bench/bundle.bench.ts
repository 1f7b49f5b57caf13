// Handler bundle size, and cold start times against a bare `node -e ''`, each a new Node process, as Lambda starts.
import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTempDir } from '@closed-ftp/test-support';
import { recordFigure } from '@closed-ftp/test-support/bench';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { afterAll, bench, describe } from 'vitest';

const run = promisify(execFile);
const bundle = fileURLToPath(new URL('../dist/bundle/index.mjs', import.meta.url));
const SERVER_ID = 's-0123456789abcdef0';
const secret = { Password: 'pw', Role: 'arn:aws:iam::123456789012:role/r' };
const event = JSON.stringify({
  username: 'alice',
  password: 'pw',
  protocol: 'FTP',
  serverId: SERVER_ID,
  sourceIp: '10.0.0.1',
});

recordFigure({
  group: 'bundle size (minified, AWS SDK included)',
  name: 'dist/bundle/index.mjs',
  value: statSync(bundle).size / 1000,
  unit: 'KB',
  target: '<= 600 KB',
});

const dir = await createTempDir('idp-lambda-bench');
const file = join(dir.path, 'users.json');
writeFileSync(file, JSON.stringify({ [`aws/transfer/${SERVER_ID}/alice`]: secret }));
const fake = await FakeSecretsManager.start();
fake.put(`aws/transfer/${SERVER_ID}/alice`, secret);
afterAll(async () => {
  await fake.close();
  await dir.remove();
});

const quiet = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
const aws = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
const importOnly = `await import(${JSON.stringify(bundle)})`;
const firstLogin = `const { handler } = await import(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify(await handler(${event})));`;

/** One run of `node <args>`; a first-login run must print the allowed response. */
async function node(args: string[], env: Record<string, string> = {}): Promise<void> {
  const { stdout } = await run(process.execPath, args, { env: { PATH: process.env.PATH, ...env } });
  if (args.at(-1)?.includes('handler(') && !stdout.includes('"Role"')) throw new Error(`login denied: ${stdout}`);
}

// Each run is a process start (40-150 ms): a fixed number of runs; the warm-up fills the file cache.
const runs = { iterations: 20, warmupIterations: 2, time: 0, warmupTime: 0 };
describe('cold start (a new Node process each time)', () => {
  bench("bare node -e ''", () => node(['-e', '']), runs);
  bench('import the handler bundle (target <= 3x)', () => node(['--input-type=module', '-e', importOnly]), runs);
  bench(
    'import + first login, local user store file',
    () => node(['--input-type=module', '-e', firstLogin], { ...quiet, USER_STORE_FILE: file }),
    runs,
  );
  bench(
    'import + first login, Secrets Manager (SDK loaded, one GetSecretValue)',
    () => node(['--input-type=module', '-e', firstLogin], { ...quiet, ...aws }),
    runs,
  );
});
