import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '@closed-ftp/rule-catalog';
import { createTempDir } from '@closed-ftp/test-support';
import { FakeTransfer } from '@closed-ftp/test-support/fake-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';
import { FakeMisbehavingFtpServer } from '../support/fake-misbehaving-ftp-server.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/bundle/ftp-probe.mjs', import.meta.url));

function run(
  script: string,
  args: string[],
  {
    input,
    env = {},
    keepStdinOpen = false,
  }: { input?: string; env?: Record<string, string>; keepStdinOpen?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { FTP_PASSWORD: _, ...inherited } = process.env;
  const child = spawn(process.execPath, [script, ...args], { env: { ...inherited, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.on('error', () => {}); // EPIPE when the CLI exits without reading its input (usage errors)
  if (keepStdinOpen) child.stdin.write(input ?? '');
  else child.stdin.end(input ?? '');
  return new Promise((resolve) =>
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('ftp-probe CLI', () => {
  let healthy: Awaited<ReturnType<typeof startTestEmulator>>;
  let blocked: Awaited<ReturnType<typeof startTestEmulator>>;
  beforeAll(async () => {
    [healthy, blocked] = await Promise.all([startTestEmulator(), startTestEmulator(['data-ports-blocked'])]);
  });
  afterAll(async () => {
    await Promise.all([healthy.stop(), blocked.stop()]);
  });
  const url = (emulator: { port: number }) => `ftp://${USER}@127.0.0.1:${emulator.port}`;

  it('--help exits 0', async () => {
    const { code, stdout } = await run(CLI, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--password-stdin');
  });

  it.each([
    [[], 'missing target'],
    [['ftp://alice:hunter2@host'], 'target contains a password'],
    [['ftp://alice@host', '--password', 'hunter2'], 'never accepted as arguments'],
    [['ftp://alice@host', '--timeout', 'soon'], '--timeout "soon"'],
    [['ftp://alice@host', '--region', 'eu-west-1'], 'need --server-id'],
    [['ftp://alice@host'], 'no password'],
    [['ftp://alice@host', '--server-id', 'server-1'], 'idpTest.serverId'],
  ])('usage error %j exits 2 naming the problem, never echoing a password', async (args, message) => {
    const { code, stderr, stdout } = await run(CLI, args, {
      env: args.includes('--server-id') ? { FTP_PASSWORD: 'x' } : {},
    });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('--help');
    expect(stderr + stdout).not.toContain('hunter2');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--password-stdin --json: healthy report on stdout, exit 0', async () => {
    const { code, stdout, stderr } = await run(CLI, [url(healthy), '--password-stdin', '--json'], {
      input: `${PASSWORD}\n`,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.verdict).toBe('healthy');
    expect(stdout + stderr).not.toContain(PASSWORD);
  });

  it('--password-stdin reads the first line only: a pipe left open does not hold the probe', async () => {
    const { code, stdout } = await run(CLI, [url(healthy), '--password-stdin', '--json'], {
      input: `${PASSWORD}\n`,
      keepStdinOpen: true,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).verdict).toBe('healthy');
  });

  it('FTP_PASSWORD, plain output: progress per step, verdict and ranked causes, exit 1', async () => {
    const { code, stdout } = await run(CLI, [url(blocked), '--timeout', '6'], { env: { FTP_PASSWORD: PASSWORD } });
    expect(code).toBe(1);
    expect(stdout).toContain('[ok] Login (USER/PASS)');
    expect(stdout).toContain('[timed-out] EPSV and its data connection');
    expect(stdout).toMatch(/FAILED: first failure at "epsv"/);
    expect(stdout).toContain('1. [CFTP-NET-006]');
    expect(stdout).toContain(`Fix: ${RULES['CFTP-NET-006'].remediation}`);
    expect(stdout).not.toContain(PASSWORD);
  });

  it('the bundle runs alone, copied away from node_modules, including the IdP test', async () => {
    const dir = await createTempDir('ftp-probe-bundle');
    const api = await FakeTransfer.start({
      handlers: {
        TestIdentityProvider: () => ({ StatusCode: 200, Response: JSON.stringify({ Role: 'arn:aws:iam::1:role/r' }) }),
      },
    });
    try {
      const copy = join(dir.path, 'ftp-probe.mjs');
      copyFileSync(BUNDLE, copy);
      const args = [url(healthy), '--password-stdin', '--json', '--server-id', 's-0123456789abcdef0'];
      const { code, stdout } = await run(
        copy,
        [...args, '--region', 'us-east-1', '--transfer-endpoint', api.endpoint],
        {
          input: PASSWORD,
          env: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'fake' },
        },
      );
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.steps.find((s: { step: string }) => s.step === 'idp').status).toBe('ok');
      expect(api.callCount()).toBe(1);
      expect(api.calls[0]!.operation).toBe('TestIdentityProvider');
    } finally {
      await api.close();
      await dir.remove();
    }
  });

  it('the minified bundle keeps error class names, which the diagnosis reads', async () => {
    const server = await FakeMisbehavingFtpServer.start('garbage-banner');
    try {
      const { code, stdout } = await run(BUNDLE, [`ftp://${USER}@127.0.0.1:${server.port}`, '--json'], {
        env: { FTP_PASSWORD: PASSWORD },
      });
      expect(code).toBe(1);
      const report = JSON.parse(stdout);
      expect(report.steps.find((s: { step: string }) => s.step === 'banner').evidence.error.name).toBe(
        'MalformedReplyError',
      );
      expect(report.causes[0].id).toBe('CFTP-PROBE-016');
    } finally {
      await server.close();
    }
  });
});
