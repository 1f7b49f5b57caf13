import { afterEach, describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { FakeMisbehavingFtpServer, type Misbehaviour } from '../support/fake-misbehaving-ftp-server.js';

const PASSWORD = 'Sup3r-Secret-Passw0rd';
const stepTimeouts = { reply: 800, login: 800, dataConnect: 800, transfer: 1000 };
let server: FakeMisbehavingFtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function probeFake(behaviour: Misbehaviour, write = false) {
  server = await FakeMisbehavingFtpServer.start(behaviour);
  const started = performance.now();
  const report = await probe(`ftp://someone@127.0.0.1:${server.port}`, {
    password: PASSWORD,
    timeoutMs: 5000,
    stepTimeouts,
    write,
  });
  expect(performance.now() - started).toBeLessThan(5000 + 1000);
  expect(JSON.stringify(report)).not.toContain(PASSWORD);
  return report;
}

describe('against FakeMisbehavingFtpServer: reports, never crashes, never hangs', () => {
  it('multi-line replies split into 1-3 byte packets: healthy', async () => {
    const report = await probeFake('split-multiline');
    expect(report.verdict).toBe('healthy');
    expect(report.steps.find((s) => s.step === 'list')!.evidence.entries).toBe(2);
    expect(report.steps.find((s) => s.step === 'banner')!.evidence.banner).toContain(
      'inner line that looks like an end',
    );
  });

  it('garbage instead of a banner: protocol error at the banner', async () => {
    const report = await probeFake('garbage-banner');
    expect(report.firstFailure).toMatchObject({ step: 'banner', status: 'failed' });
    expect(report.causes[0]!.id).toBe('CFTP-PROBE-016');
  });

  it('binary noise after login: protocol error in the session step', async () => {
    const report = await probeFake('garbage-after-login');
    expect(report.firstFailure).toMatchObject({ step: 'session', status: 'failed' });
    expect(report.causes[0]!.id).toBe('CFTP-PROBE-016');
  });

  it('silent after the banner: login times out at its deadline', async () => {
    const report = await probeFake('silent-after-banner');
    expect(report.firstFailure).toMatchObject({ step: 'login', status: 'timed-out' });
    expect(report.steps.find((s) => s.step === 'login')!.durationMs).toBeLessThan(stepTimeouts.reply + 500);
  });

  it('closes mid-transfer: the listing fails with the connection closed', async () => {
    const report = await probeFake('close-mid-transfer');
    expect(report.verdict).toBe('failed');
    expect(report.firstFailure).toMatchObject({ step: 'list', status: 'failed' });
    expect(report.firstFailure!.summary).toMatch(/closed/);
  });

  it('421 banner: no greeting, named as such', async () => {
    const report = await probeFake('banner-421');
    expect(report.firstFailure).toMatchObject({ step: 'banner', status: 'failed' });
    expect(report.firstFailure!.summary).toContain('421');
    expect(report.causes[0]!.id).toBe('CFTP-PROBE-003');
  });

  it('a server quoting the password back: redacted everywhere', async () => {
    const report = await probeFake('echo-password');
    expect(report.firstFailure).toMatchObject({ step: 'login', status: 'failed' });
    const login = report.steps.find((s) => s.step === 'login')!;
    expect(login.transcript.map((l) => l.text)).toEqual([
      'USER someone',
      '331 password please',
      'PASS ****',
      '530 password "****" is wrong',
    ]);
  });

  it('passive ports where nothing listens: both data connections refused, at once, nothing listening named first', async () => {
    const report = await probeFake('passive-port-closed');
    expect(report.firstFailure).toMatchObject({ step: 'epsv', status: 'failed' });
    for (const step of report.steps.filter((s) => s.step === 'epsv' || s.step === 'pasv')) {
      expect(step.status).toBe('failed');
      expect((step.evidence.dataConnect as Array<{ result: string }>)[0]!.result).toBe('refused');
      expect(step.durationMs).toBeLessThan(stepTimeouts.dataConnect);
    }
    expect(report.causes.map((c) => c.id)).toEqual(['CFTP-PROBE-011', 'CFTP-NET-006']);
    expect(report.causes[0]!.message).toContain('refused at 127.0.0.1');
  });

  it('uploads refused with 550: the listing works, the write test fails at STOR, write permissions named', async () => {
    const report = await probeFake('refuse-uploads', true);
    expect(report.verdict).toBe('degraded');
    expect(report.steps.find((s) => s.step === 'list')!.status).toBe('ok');
    expect(report.firstFailure).toMatchObject({ step: 'write', status: 'failed' });
    expect(report.steps.find((s) => s.step === 'write')!.evidence).toMatchObject({ stage: 'STOR', replyCode: 550 });
    expect(report.causes.map((c) => c.id)).toEqual(['CFTP-PROBE-015', 'CFTP-NET-025']);
  });
});
