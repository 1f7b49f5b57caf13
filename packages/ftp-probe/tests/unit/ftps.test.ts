import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';

describe('explicit FTPS against the emulator (self-signed, TLS session resumption ENFORCED)', () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  beforeAll(async () => {
    emulator = await startTestEmulator([], { ftps: true, tlsSessionResumption: 'ENFORCED' });
  });
  afterAll(() => emulator?.stop());
  const url = () => `ftps://${USER}@127.0.0.1:${emulator.port}`;

  it('rejects the untrusted certificate, naming --ca and --insecure', async () => {
    const report = await probe(url(), { password: PASSWORD });
    expect(report.firstFailure).toMatchObject({ step: 'tls', status: 'failed' });
    expect(report.causes[0]!.id).toBe('CFTP-PROBE-005');
    expect(report.firstFailure!.summary).toContain('--ca');
  });

  it('--insecure: works, resumes the TLS session on data connections, and warns loudly', async () => {
    const report = await probe(url(), { password: PASSWORD, write: true, tls: { insecure: true } });
    expect(report.verdict).toBe('healthy');
    expect(report.steps.find((s) => s.step === 'tls')!.evidence).toMatchObject({ authorized: false, insecure: true });
    expect(report.steps.find((s) => s.step === 'list')!.evidence.tlsSessionReused).toBe(true);
    expect(report.causes.map((c) => c.id)).toEqual(['CFTP-PROBE-006']);
  });
});

describe('ftps:// against an endpoint that serves plain FTP only', () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.stop());

  it('AUTH TLS refused: FTPS not offered ranked first, then the missing certificate', async () => {
    const report = await probe(`ftps://${USER}@127.0.0.1:${emulator.port}`, { password: PASSWORD });
    expect(report.firstFailure).toMatchObject({ step: 'tls', status: 'failed' });
    expect(report.firstFailure!.summary).toContain('502');
    expect(report.causes.map((c) => c.id)).toEqual(['CFTP-PROBE-004', 'CFTP-NET-004']);
    expect(report.steps.find((s) => s.step === 'login')!.status).toBe('skipped');
  });
});
