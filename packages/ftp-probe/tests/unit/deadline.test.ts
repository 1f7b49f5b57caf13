import { describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { FakeMisbehavingFtpServer } from '../support/fake-misbehaving-ftp-server.js';

describe('global deadline', () => {
  it('stops a probe of a silent server at the global deadline, whatever the step deadlines', async () => {
    const server = await FakeMisbehavingFtpServer.start('silent-after-banner');
    try {
      const started = performance.now();
      const report = await probe(`ftp://someone@127.0.0.1:${server.port}`, {
        password: 'x',
        timeoutMs: 700,
        stepTimeouts: { login: 60_000, reply: 60_000 },
      });
      expect(performance.now() - started).toBeLessThan(700 + 300);
      expect(report.firstFailure).toMatchObject({ step: 'login', status: 'timed-out' });
      expect(report.timeoutMs).toBe(700);
    } finally {
      await server.close();
    }
  });

  it('counts the time spent opening a data connection against the global deadline', async () => {
    const server = await FakeMisbehavingFtpServer.start('slow-epsv-stalled-upload');
    try {
      const started = performance.now();
      const report = await probe(`ftp://someone@127.0.0.1:${server.port}`, {
        password: 'x',
        write: true,
        timeoutMs: 2500,
      });
      expect(performance.now() - started).toBeLessThan(2500 + 300);
      expect(report.firstFailure).toMatchObject({ step: 'write', status: 'timed-out' });
    } finally {
      await server.close();
    }
  });

  it('rejects a non-positive deadline naming the option', async () => {
    await expect(probe('ftp://a@127.0.0.1', { password: 'x', timeoutMs: 0 })).rejects.toThrow(
      /timeoutMs must be a positive/,
    );
    await expect(probe('ftp://a@127.0.0.1', { password: 'x', stepTimeouts: { login: -1 } })).rejects.toThrow(
      /stepTimeouts\.login/,
    );
  });

  it('rejects a password or user name FTP cannot send, without echoing the password', async () => {
    const rejected = probe('ftp://a@127.0.0.1', { password: 'pw\r\nDELE important.csv' });
    await expect(rejected).rejects.toMatchObject({ name: 'ProbeOptionsError', option: 'password' });
    await expect(rejected).rejects.not.toThrow(/DELE/);
    const target = { host: '127.0.0.1', port: 21, user: 'alice\r\nDELE x', secure: false };
    await expect(probe(target, { password: 'x' })).rejects.toMatchObject({ name: 'TargetError', field: 'user' });
  });
});
