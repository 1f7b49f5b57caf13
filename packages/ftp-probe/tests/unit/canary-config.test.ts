import { describe, expect, it } from 'vitest';
import { CANARY_ENVIRONMENT, CanaryConfigError, readCanaryConfig } from '../../src/canary/index.js';

const base = {
  FTP_HOST: 'vpce-0abc.vpce-svc.eu-west-1.vpce.amazonaws.com',
  FTP_USER: 'alice',
  FTP_PASSWORD_SECRET_ID: 'aws/transfer/s-0123456789abcdef0/alice',
};

describe('readCanaryConfig', () => {
  it('defaults: port 21, plain FTP, no write check, 30 s, named user@host:port, namespace ClosedFtp', () => {
    expect(readCanaryConfig(base)).toEqual({
      target: { host: base.FTP_HOST, port: 21, user: 'alice', secure: false },
      password: { secretId: base.FTP_PASSWORD_SECRET_ID },
      writeCheck: false,
      timeoutMs: 30_000,
      tls: {},
      name: `alice@${base.FTP_HOST}:21`,
      metrics: { namespace: 'ClosedFtp', serviceName: 'closed-ftp-canary', disabled: false },
    });
  });

  it('reads every variable', () => {
    const config = readCanaryConfig({
      ...base,
      FTP_PORT: '2121',
      FTP_PROTOCOL: 'ftps',
      FTP_WRITE_CHECK: 'TRUE',
      PROBE_TIMEOUT_SECONDS: '12.5',
      FTP_TLS_SERVERNAME: 'ftp.example.com',
      FTP_TLS_CA: '-----BEGIN CERTIFICATE-----',
      CANARY_NAME: 'client-vpc',
      POWERTOOLS_METRICS_NAMESPACE: 'Ops',
      POWERTOOLS_SERVICE_NAME: 'ftp-canary',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    expect(config).toMatchObject({
      target: { port: 2121, secure: true },
      writeCheck: true,
      timeoutMs: 12_500,
      tls: { servername: 'ftp.example.com', ca: '-----BEGIN CERTIFICATE-----' },
      name: 'client-vpc',
      metrics: { namespace: 'Ops', serviceName: 'ftp-canary', disabled: true },
    });
  });

  it('FTP_PASSWORD (local rehearsal) is kept as given, spaces included', () => {
    const { FTP_PASSWORD_SECRET_ID: _, ...local } = base;
    expect(readCanaryConfig({ ...local, FTP_PASSWORD: ' pw ' }).password).toEqual({ value: ' pw ' });
  });

  it.each([
    [{ FTP_HOST: '' }, 'FTP_HOST'],
    [{ FTP_USER: undefined }, 'FTP_USER'],
    [{ FTP_USER: 'alice\r\nDELE x' }, 'FTP_USER'],
    [{ FTP_PORT: '99999' }, 'FTP_PORT'],
    [{ FTP_PORT: '21a' }, 'FTP_PORT'],
    [{ FTP_PROTOCOL: 'SFTP' }, 'FTP_PROTOCOL'],
    [{ FTP_PASSWORD_SECRET_ID: undefined }, 'FTP_PASSWORD_SECRET_ID'],
    [{ FTP_PASSWORD: 'hunter2-secret' }, 'FTP_PASSWORD'],
    [{ FTP_WRITE_CHECK: 'yes' }, 'FTP_WRITE_CHECK'],
    [{ PROBE_TIMEOUT_SECONDS: '0' }, 'PROBE_TIMEOUT_SECONDS'],
    [{ PROBE_TIMEOUT_SECONDS: 'soon' }, 'PROBE_TIMEOUT_SECONDS'],
  ])('%j: a CanaryConfigError naming %s, never the password', (change, variable) => {
    let error: unknown;
    try {
      readCanaryConfig({ ...base, ...change });
    } catch (caught) {
      error = caught;
    }
    expect(CanaryConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ variable });
    expect((error as Error).message).toContain(variable);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('CANARY_ENVIRONMENT documents every variable the canary reads', () => {
    const read = new Set<string>();
    const env = new Proxy({ ...base } as NodeJS.ProcessEnv, {
      get: (target, name) => {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
    });
    readCanaryConfig(env);
    expect([...read].filter((name) => !(name in CANARY_ENVIRONMENT))).toEqual([]);
  });
});
