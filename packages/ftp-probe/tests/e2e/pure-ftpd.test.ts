import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { type RunningPureFtpd, startPureFtpd } from '../support/pure-ftpd.js';

describe('against pure-ftpd (Debian)', () => {
  let server: RunningPureFtpd;
  beforeAll(async () => {
    server = await startPureFtpd();
  });
  afterAll(() => server?.stop());

  it('healthy, with MLSD and the write test', async () => {
    const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, {
      password: server.password,
      write: true,
    });
    expect(report.verdict).toBe('healthy');
    const list = report.steps.find((s) => s.step === 'list')!;
    expect(list.evidence.command).toBe('MLSD');
    expect(list.evidence.entries).toBeGreaterThanOrEqual(1);
    expect(report.steps.find((s) => s.step === 'write')!.status).toBe('ok');
  });

  it('wrong password: 530 at login', async () => {
    const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, {
      password: 'nope',
      stepTimeouts: { login: 8000 },
    });
    expect(report.firstFailure).toMatchObject({ step: 'login', status: 'failed' });
    expect(report.steps.find((s) => s.step === 'login')!.evidence.replyCode).toBe(530);
  });
});
