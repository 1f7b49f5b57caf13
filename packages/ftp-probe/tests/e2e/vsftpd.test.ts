import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { type RunningVsftpd, startVsftpd } from '../support/vsftpd.js';

const fast = { dns: 1000, connect: 1000, reply: 2000, login: 3000, dataConnect: 1000, transfer: 3000 };

describe('against vsftpd (Debian)', () => {
  describe('healthy', () => {
    let server: RunningVsftpd;
    beforeAll(async () => {
      server = await startVsftpd();
    });
    afterAll(() => server?.stop());

    it('logs in, lists, writes, reads back and deletes', async () => {
      const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, {
        password: server.password,
        write: true,
        stepTimeouts: fast,
      });
      expect(report.steps.map((s) => [s.step, s.status])).toEqual([
        ['dns', 'ok'],
        ['tcp', 'ok'],
        ['banner', 'ok'],
        ['tls', 'skipped'],
        ['login', 'ok'],
        ['session', 'ok'],
        ['epsv', 'ok'],
        ['pasv', 'ok'],
        ['list', 'ok'],
        ['write', 'ok'],
      ]);
      expect(report.verdict).toBe('healthy');
      expect(report.causes).toEqual([]);
      const list = report.steps.find((s) => s.step === 'list')!;
      expect(list.evidence.entries).toBe(2);
      const pasv = report.steps.find((s) => s.step === 'pasv')!;
      expect(pasv.evidence).toMatchObject({
        advertisedHost: '127.0.0.1',
        addressKind: 'loopback',
        differsFromControlHost: false,
      });
      expect(JSON.stringify(report)).not.toContain(server.password);
      expect(report.steps.find((s) => s.step === 'login')!.transcript.map((l) => l.text)).toContain('PASS ****');
    });

    it('reports 530 for a wrong password, pointing at credentials and the IdP test', async () => {
      const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, {
        password: 'not-the-password',
        stepTimeouts: fast,
      });
      expect(report.verdict).toBe('failed');
      expect(report.firstFailure).toMatchObject({ step: 'login', status: 'failed' });
      // PAM delays failed logins ~2 s, so the slow-IdP cause may rank first; both credential causes must be there.
      expect(report.causes.map((c) => c.id)).toEqual(expect.arrayContaining(['CFTP-PROBE-007', 'CFTP-PROBE-008']));
      expect(report.steps.filter((s) => s.status === 'skipped').map((s) => s.step)).toEqual(
        expect.arrayContaining(['session', 'epsv', 'pasv', 'list']),
      );
    });
  });

  describe('passive mode disabled by config', () => {
    let server: RunningVsftpd;
    beforeAll(async () => {
      server = await startVsftpd({ pasv_enable: 'NO' });
    });
    afterAll(() => server?.stop());

    it('fails at EPSV with the server refusing passive mode', async () => {
      const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, {
        password: server.password,
        stepTimeouts: fast,
      });
      expect(report.verdict).toBe('failed');
      expect(report.firstFailure).toMatchObject({ step: 'epsv', status: 'failed' });
      expect(report.steps.find((s) => s.step === 'pasv')!.status).toBe('failed');
      expect(report.steps.find((s) => s.step === 'list')!.status).toBe('skipped');
      expect(report.causes[0]!.id).toBe('CFTP-PROBE-010');
    });
  });
});
