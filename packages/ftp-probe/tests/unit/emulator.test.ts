import { describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import type { ProbeReport } from '../../src/report.js';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';

const steps = { dns: 1000, connect: 1000, reply: 1000, login: 4000, dataConnect: 800, transfer: 1200 };
const MARGIN_MS = 1500;

async function probeEmulator(faults: Parameters<typeof startTestEmulator>[0], extra = {}): Promise<ProbeReport> {
  const emulator = await startTestEmulator(faults, extra);
  try {
    const report = await probe(`ftp://${USER}@${emulator.host}:${emulator.port}`, {
      password: PASSWORD,
      write: true,
      timeoutMs: 8000,
      stepTimeouts: steps,
    });
    expect(report.durationMs).toBeLessThan(8000 + MARGIN_MS);
    expect(JSON.stringify(report)).not.toContain(PASSWORD);
    return report;
  } finally {
    await emulator.stop();
  }
}

const statusOf = (report: ProbeReport, step: string) => report.steps.find((s) => s.step === step)?.status;
const ids = (report: ProbeReport) => report.causes.map((c) => c.id);

describe('against @closed-ftp/transfer-emulator', () => {
  it('healthy: every step passes, including the write test', async () => {
    const report = await probeEmulator([]);
    expect(report.steps.filter((s) => s.status !== 'ok').map((s) => s.step)).toEqual(['tls']);
    expect(report.verdict).toBe('healthy');
    expect(report.causes).toEqual([]);
    expect(report.steps.find((s) => s.step === 'list')!.evidence.entries).toBe(1);
  });

  it('storage-unreachable: the listing times out before 150', async () => {
    const report = await probeEmulator(['storage-unreachable']);
    expect(report.verdict).toBe('failed');
    expect(report.firstFailure).toMatchObject({ step: 'list', status: 'timed-out' });
    expect(report.steps.find((s) => s.step === 'list')!.evidence.phase).toBe('before-150');
    expect(ids(report).slice(0, 2)).toEqual(['CFTP-PROBE-012', 'CFTP-NET-017']);
    expect(statusOf(report, 'list')).toBe('timed-out');
    expect(report.steps.find((s) => s.step === 'list')!.durationMs).toBeLessThan(steps.transfer + MARGIN_MS);
  });

  it('storage-unreachable-after-150: the listing times out after 150', async () => {
    const report = await probeEmulator(['storage-unreachable-after-150']);
    expect(report.firstFailure).toMatchObject({ step: 'list', status: 'timed-out' });
    expect(report.steps.find((s) => s.step === 'list')!.evidence.phase).toBe('after-150');
    expect(ids(report)[0]).toBe('CFTP-PROBE-013');
  });

  it('data-ports-blocked: EPSV and PASV data connections time out, security group first', async () => {
    const report = await probeEmulator(['data-ports-blocked']);
    expect(report.verdict).toBe('failed');
    expect(report.firstFailure).toMatchObject({ step: 'epsv', status: 'timed-out' });
    expect(statusOf(report, 'pasv')).toBe('timed-out');
    expect(statusOf(report, 'list')).toBe('skipped');
    expect(ids(report)[0]).toBe('CFTP-NET-006');
    for (const step of ['epsv', 'pasv']) {
      expect(report.steps.find((s) => s.step === step)!.durationMs).toBeLessThan(steps.dataConnect + MARGIN_MS);
    }
  });

  it('passive-ip-unroutable: PASV fails, EPSV and the listing work, PassiveIp named', async () => {
    const report = await probeEmulator(['passive-ip-unroutable']);
    expect(report.verdict).toBe('degraded');
    // TEST-NET-1 is unreachable here: dropped (timed out) or refused by the routing table (failed), both fit.
    expect(report.firstFailure?.step).toBe('pasv');
    expect(['failed', 'timed-out']).toContain(report.firstFailure?.status);
    expect(statusOf(report, 'epsv')).toBe('ok');
    expect(statusOf(report, 'list')).toBe('ok');
    const pasv = report.steps.find((s) => s.step === 'pasv')!;
    expect(pasv.evidence).toMatchObject({ differsFromControlHost: true, controlHostWorks: true });
    expect(ids(report)[0]).toBe('CFTP-NET-016');
  });

  it('idp-timeout: login is denied after the IdP time limit; slow IdP ranked first', async () => {
    const report = await probeEmulator(['idp-timeout'], { idpTimeoutMs: 3000 });
    expect(report.verdict).toBe('failed');
    expect(report.firstFailure?.step).toBe('login');
    expect(ids(report)[0]).toBe('CFTP-PROBE-009');
  });

  it('idp-error: login is denied; credentials and the IdP are named', async () => {
    const report = await probeEmulator(['idp-error']);
    expect(report.firstFailure).toMatchObject({ step: 'login', status: 'failed' });
    expect(ids(report)).toEqual(expect.arrayContaining(['CFTP-PROBE-007', 'CFTP-PROBE-008', 'CFTP-NET-021']));
  });
});
