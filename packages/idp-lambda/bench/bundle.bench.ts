// Handler bundle size, and cold start times as ratios to a bare `node -e ''`, all measured here and now.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FakeSecretsManagerServer } from '../../idp-core/test/support/fake-secrets-manager-server.js';

const run = promisify(execFile);
const bundle = fileURLToPath(new URL('../dist/bundle/index.mjs', import.meta.url));
const bytes = statSync(bundle).size;
const SERVER_ID = 's-0123456789abcdef0';
const secret = { Password: 'pw', Role: 'arn:aws:iam::123456789012:role/r' };
const event = JSON.stringify({
  username: 'alice',
  password: 'pw',
  protocol: 'FTP',
  serverId: SERVER_ID,
  sourceIp: '10.0.0.1',
});

/** One timed run of `node <args>`; a first-login run must print the allowed response. */
async function timeMs(args: string[], env: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, args, { env: { PATH: process.env.PATH, ...env } });
  if (args.at(-1)?.includes('handler(') && !stdout.includes('"Role"'))
    throw new Error(`first login not allowed: ${stdout}`);
  return performance.now() - started;
}

const importOnly = `await import(${JSON.stringify(bundle)})`;
const firstLogin = `const { handler } = await import(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify(await handler(${event})));`;
const dir = mkdtempSync(join(tmpdir(), 'idp-lambda-bench-'));
const file = join(dir, 'users.json');
writeFileSync(file, JSON.stringify({ [`aws/transfer/${SERVER_ID}/alice`]: secret }));
const fake = await FakeSecretsManagerServer.start();
fake.put(`aws/transfer/${SERVER_ID}/alice`, secret);
const quiet = { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
const aws = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
};

// Interleaved runs, so that load from elsewhere on the machine hits every variant alike.
const variants = {
  bare: () => timeMs(['-e', '']),
  imported: () => timeMs(['--input-type=module', '-e', importOnly]),
  fileLogin: () => timeMs(['--input-type=module', '-e', firstLogin], { ...quiet, USER_STORE_FILE: file }),
  smLogin: () => timeMs(['--input-type=module', '-e', firstLogin], { ...quiet, ...aws }),
};
const times: Record<keyof typeof variants, number[]> = { bare: [], imported: [], fileLogin: [], smLogin: [] };
for (let i = 0; i < 21; i++) {
  for (const [name, variant] of Object.entries(variants)) {
    const ms = await variant();
    if (i > 0) times[name as keyof typeof variants].push(ms); // the first round warms the file cache
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const [bare, imported, fileLogin, smLogin] = [times.bare, times.imported, times.fileLogin, times.smLogin].map(
  median,
) as [number, number, number, number];
await fake.close();
rmSync(dir, { recursive: true });

const ratio = (ms: number) => `${ms.toFixed(0)} ms -> ${(ms / bare).toFixed(2)}x`;
console.log(
  `## bundle (${new Date().toISOString().slice(0, 10)}, Node ${process.version}; bare node -e '' ${bare.toFixed(0)} ms)`,
);
console.log(`bundle size: ${(bytes / 1000).toFixed(0)} KB minified, AWS SDK included (target <= 600 KB)`);
console.log(`cold import of the handler: ${ratio(imported)} (target <= 3x)`);
console.log(`cold import + first login, local user store file: ${ratio(fileLogin)}`);
console.log(`cold import + first login, Secrets Manager (SDK loaded, one GetSecretValue): ${ratio(smLogin)}`);
