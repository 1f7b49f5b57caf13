import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ProbeReport } from '@closed-ftp/ftp-probe';
import { resolveWith } from '@closed-ftp/test-support/cloudformation';
import { type RunningEmulator, startEmulator } from '@closed-ftp/transfer-emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FTP_USER, PROBE_PATH, probeBundleFile, probeCommand, quote } from '../../src/index.js';
import { renderReport } from '../../src/verify/render-report.js';
import { articleTemplate, useTestApps } from '../support/synth.js';

// The rehearsal: user1's secret exactly as the example deploys it (template + a generated password), served by the
// repository's IdP handler inside transfer-emulator; the verify command run by bash with the shipped probe bundle.
const SERVER_ID = 's-0123456789abcdef0';
const BUCKET = 'article-bucket';
const PASSWORD = 'Gen3ratedByS3cretsManager0123456';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/s-0123456789abcdef0/user1-AbCdEf';

const testDir = useTestApps();
let work: string;
let emulator: RunningEmulator;
let fakeAws: string;
// The IdP handler reads its configuration from the environment: a local secret file, and no log or metric lines on
// the test's output.
const IDP_ENV = { USER_STORE_FILE: '', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' };
const savedEnv = Object.fromEntries(Object.keys(IDP_ENV).map((key) => [key, process.env[key]]));

/** user1's secret as Secrets Manager will hold it after deployment. */
function deployedUserSecret(): { name: string; value: Record<string, unknown> } {
  const template = articleTemplate('working');
  const secret = Object.values(template.findResources('AWS::SecretsManager::Secret'))[0]!;
  const refs = (id: string, attribute?: string) =>
    attribute === 'ServerId' ? SERVER_ID : attribute === 'Arn' ? `arn:aws:iam::111111111111:role/${id}` : BUCKET;
  const generate = secret.Properties.GenerateSecretString;
  return {
    name: resolveWith(secret.Properties.Name, refs) as string,
    value: {
      ...JSON.parse(resolveWith(generate.SecretStringTemplate, refs) as string),
      [generate.GenerateStringKey]: PASSWORD,
    },
  };
}

/** FakeAwsCli: answers `aws secretsmanager get-secret-value --query SecretString --output text` from a file. */
async function writeFakeAwsCli(secretFile: string, argsLog: string): Promise<string> {
  const file = join(work, 'aws');
  await writeFile(
    file,
    `#!/usr/bin/env bash
printf '%s\\n' "$@" > ${quote(argsLog)}
[ "$1 $2" = "secretsmanager get-secret-value" ] || { echo "FakeAwsCli: unexpected command $*" >&2; exit 254; }
cat ${quote(secretFile)}
`,
  );
  await chmod(file, 0o755);
  return file;
}

async function startTestEmulator(root: string): Promise<RunningEmulator> {
  for (let attempt = 0; ; attempt++) {
    const from = 20000 + Math.floor(Math.random() * 40000);
    try {
      return await startEmulator({
        root,
        idp: createRequire(import.meta.url).resolve('@closed-ftp/idp-lambda'),
        serverId: SERVER_ID,
        port: 0,
        passivePorts: { from, to: from + 8 },
      });
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

function runScript(lines: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', lines.join('\n')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  work = testDir.path;
  const secret = deployedUserSecret();
  await writeFile(join(work, 'users.json'), JSON.stringify({ [secret.name]: secret.value }));
  Object.assign(process.env, IDP_ENV, { USER_STORE_FILE: join(work, 'users.json') });
  await writeFile(join(work, 'secret.json'), JSON.stringify(secret.value));
  fakeAws = await writeFakeAwsCli(join(work, 'secret.json'), join(work, 'aws-args.txt'));
  const root = join(work, 'storage');
  await mkdir(join(root, BUCKET, FTP_USER), { recursive: true });
  await writeFile(join(root, BUCKET, FTP_USER, 'hello.txt'), 'hello\n');
  emulator = await startTestEmulator(root);
});

afterAll(async () => {
  await emulator?.close();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const command = (overrides: Partial<Parameters<typeof probeCommand>[0]> = {}) =>
  probeCommand({
    host: emulator.host,
    port: emulator.port,
    userName: FTP_USER,
    secretId: SECRET_ARN,
    region: 'eu-west-1',
    probePath: probeBundleFile(),
    timeoutSeconds: 20,
    awsCli: fakeAws,
    ...overrides,
  });

describe('the verify command, run locally against transfer-emulator with the shipped probe bundle', () => {
  it("logs in as user1 with the deployed secret's password and reports healthy, with a write test", async () => {
    const run = await runScript(command({ write: true }));
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ProbeReport;
    expect(report.verdict).toBe('healthy');
    expect(report.steps.find((s) => s.step === 'login')?.status).toBe('ok');
    expect(report.steps.find((s) => s.step === 'list')?.status).toBe('ok');
    expect(report.steps.find((s) => s.step === 'write')?.status).toBe('ok');
    // The password is read on the instance: it is in no argument and no output.
    const lines = command().join('\n');
    expect(lines).not.toContain(PASSWORD);
    expect(await readFile(join(work, 'aws-args.txt'), 'utf8')).toBe(
      [
        'secretsmanager',
        'get-secret-value',
        '--region',
        'eu-west-1',
        '--secret-id',
        SECRET_ARN,
        '--query',
        'SecretString',
        '--output',
        'text',
        '',
      ].join('\n'),
    );
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    // What `npm run verify` prints from it.
    const text = renderReport(report);
    expect(text).toMatch(/^ftp-probe verdict: healthy/);
    for (const step of report.steps) expect(text).toContain(step.title);
  });

  it('fails with the probe exit status 1 and a failed login when the secret holds another password', async () => {
    const secretFile = join(work, 'secret.json');
    const saved = await readFile(secretFile, 'utf8');
    await writeFile(secretFile, JSON.stringify({ ...JSON.parse(saved), Password: 'not-the-password-0123' }));
    try {
      const run = await runScript(command());
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as ProbeReport;
      expect(report.verdict).toBe('failed');
      expect(report.firstFailure?.step).toBe('login');
      expect(renderReport(report)).toMatch(/most likely cause: \[[\w-]+\] .+\nfix: .+/);
    } finally {
      await writeFile(secretFile, saved);
    }
  });

  it('fails without echoing a secret that is not JSON (a JSON error would quote it)', async () => {
    const secretFile = join(work, 'secret.json');
    const saved = await readFile(secretFile, 'utf8');
    await writeFile(secretFile, 'Password=not-json-0123');
    try {
      const run = await runScript(command());
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).not.toContain('not-json-0123');
      expect(run.stderr).toContain('the secret has no Password key');
    } finally {
      await writeFile(secretFile, saved);
    }
  });

  it('fails without running the probe when the secret cannot be read', async () => {
    const run = await runScript(command({ awsCli: 'false' }));
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toMatch(/"verdict"/);
  });

  it('ships the probe to the path the command uses, and rejects inputs that are not what they claim', () => {
    expect(command({ probePath: PROBE_PATH }).join('\n')).toContain(`'${PROBE_PATH}'`);
    expect(() => command({ host: 'host; rm -rf /' })).toThrow(/host:/);
    expect(() => command({ userName: "u1'x" })).toThrow(/userName:/);
    expect(() => command({ region: 'eu west' })).toThrow(/region:/);
    expect(() => command({ port: 70000 })).toThrow(/port:/);
  });

  it('quotes any word so that bash reads it back unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !s.includes('\0')),
        (word) => {
          const out = spawnSync('bash', ['-c', `printf %s ${quote(word)}`], { encoding: 'utf8' });
          expect(out.stdout).toBe(word);
        },
      ),
      { numRuns: 60 },
    );
  });
});
