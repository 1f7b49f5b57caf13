import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary, useTempDir } from '@closed-ftp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { type RunningVsftpd, startVsftpd } from '../support/vsftpd.js';

describe('explicit FTPS against vsftpd (certificate from openssl, trusted with ca)', () => {
  let server: RunningVsftpd;
  const temp = useTempDir('ftp-probe-tls');
  let dir: string;
  let cert: string;
  beforeAll(async () => {
    requireBinary('/usr/bin/openssl', 'openssl');
    dir = temp.path;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=ftp-probe-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = await startVsftpd({
      ssl_enable: 'YES',
      rsa_cert_file: join(dir, 'cert.pem'),
      rsa_private_key_file: join(dir, 'key.pem'),
      force_local_logins_ssl: 'YES',
      force_local_data_ssl: 'YES',
      require_ssl_reuse: 'YES',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('trusts the given CA, and vsftpd (require_ssl_reuse) accepts the resumed data sessions', async () => {
    const report = await probe(`ftps://${server.user}@127.0.0.1:${server.port}`, {
      password: server.password,
      write: true,
      tls: { ca: cert },
    });
    expect(report.verdict).toBe('healthy');
    expect(report.steps.find((s) => s.step === 'tls')!.evidence).toMatchObject({ authorized: true });
    expect(report.steps.find((s) => s.step === 'list')!.evidence.tlsSessionReused).toBe(true);
  });

  it('plain ftp:// to a server that forces TLS: login refused', async () => {
    const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, { password: server.password });
    expect(report.firstFailure?.step).toBe('login');
    expect(JSON.stringify(report)).not.toContain(server.password);
  });
});
