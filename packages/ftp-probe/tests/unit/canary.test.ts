import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import type { FaultName } from '@closed-ftp/transfer-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanaryResult, createCanaryHandler } from '../../src/canary/index.js';
import { capturingOutput } from '../support/captured-output.js';
import { emfViolations } from '../support/emf.js';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';

const SECRET_ID = 'aws/transfer/s-0123456789abcdef0/alice';
const NAMESPACE = 'ClosedFtpTest';
type Line = {
  [key: string]: unknown;
  _aws?: { CloudWatchMetrics: Array<{ Dimensions: string[][]; Namespace: string }> };
};

let secrets: FakeSecretsManager;
beforeAll(async () => {
  secrets = await FakeSecretsManager.start();
  // The user's own Transfer secret, as the IdP reads it: the canary takes its Password.
  secrets.put(SECRET_ID, { Password: PASSWORD, Role: 'arn:aws:iam::111122223333:role/transfer-user' });
});
afterAll(() => secrets?.close());

/** One canary run against the emulator with the given faults; its result, its EMF records and its log lines. */
async function runCanary(
  faults: FaultName[],
  env: NodeJS.ProcessEnv | ((emulator: { certificate: string | undefined }) => NodeJS.ProcessEnv) = {},
  extra: Parameters<typeof startTestEmulator>[1] = {},
  context?: { getRemainingTimeInMillis(): number },
) {
  const emulator = await startTestEmulator(faults, extra);
  try {
    const handler = createCanaryHandler({
      env: {
        FTP_HOST: '127.0.0.1',
        FTP_PORT: String(emulator.port),
        FTP_USER: USER,
        FTP_PASSWORD_SECRET_ID: SECRET_ID,
        FTP_WRITE_CHECK: 'true',
        PROBE_TIMEOUT_SECONDS: '20',
        CANARY_NAME: 'client-vpc',
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        ...(typeof env === 'function' ? env(emulator) : env),
      },
      secretsManager: new SecretsManagerClient(secrets.clientConfig),
    });
    const started = performance.now();
    const { result, text, lines } = await capturingOutput(() => handler({}, context));
    const records = (lines as Line[]).filter((line) => line._aws !== undefined);
    const logs = (lines as Line[]).filter((line) => line._aws === undefined);
    return { result, text, records, logs, ms: performance.now() - started };
  } finally {
    await emulator.stop();
  }
}

/** Every EMF record is valid; the run record comes first, the failure-by-cause record after it. */
function checked(records: Line[]) {
  for (const record of records) expect(emfViolations(record), JSON.stringify(record)).toEqual([]);
  for (const record of records) expect(record._aws!.CloudWatchMetrics[0]!.Namespace).toBe(NAMESPACE);
  const [run, byCause, ...rest] = records;
  expect(rest).toEqual([]);
  expect(run!._aws!.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'Canary']]);
  expect(run).toMatchObject({ service: 'closed-ftp-canary', Canary: 'client-vpc' });
  if (byCause) expect(byCause._aws!.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'Canary', 'TopCause']]);
  return { run: run!, byCause };
}

function expectNoPassword(text: string) {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(JSON.stringify(PASSWORD).slice(1, -1));
}

const latency = expect.any(Number);

describe('canary handler against the transfer emulator', () => {
  it('healthy: every step succeeds with its latency, one record, the report in the log', async () => {
    const { result, records, logs, text } = await runCanary([]);
    expect(result).toMatchObject({ verdict: 'healthy' } satisfies Partial<CanaryResult>);
    expect(result.topCause).toBeUndefined();
    const { run, byCause } = checked(records);
    expect(byCause).toBeUndefined();
    expect(run).toMatchObject({
      Success: 1,
      Failure: 0,
      Duration: latency,
      ConnectSuccess: 1,
      ConnectLatency: latency,
      BannerSuccess: 1,
      LoginSuccess: 1,
      LoginLatency: latency,
      EpsvSuccess: 1,
      PasvSuccess: 1,
      DataConnectionSuccess: 1,
      DataConnectionLatency: latency,
      ListSuccess: 1,
      ListLatency: latency,
      WriteCheckSuccess: 1,
      WriteCheckLatency: latency,
    });
    expect(run).not.toHaveProperty('TlsSuccess'); // plain FTP: the TLS step is skipped, so not measured
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'canary run healthy',
        verdict: 'healthy',
        canary: 'client-vpc',
      }),
    );
    const report = (logs.find((l) => l.message === 'canary run healthy') as { report: { steps: unknown[] } }).report;
    expect(report.steps).toHaveLength(10);
    expect(secrets.calls.at(-1)).toEqual({ operation: 'GetSecretValue', input: { SecretId: SECRET_ID } });
    expectNoPassword(text);
  });

  it.each([
    {
      fault: 'data-ports-blocked' as const,
      verdict: 'failed',
      step: 'epsv',
      topCause: 'CFTP-NET-006',
      metrics: { LoginSuccess: 1, EpsvSuccess: 0, PasvSuccess: 0, DataConnectionSuccess: 0 },
      absent: ['EpsvLatency', 'ListSuccess', 'DataConnectionLatency'],
    },
    {
      fault: 'passive-ip-unroutable' as const,
      verdict: 'degraded',
      step: 'pasv',
      topCause: 'CFTP-NET-016',
      metrics: { EpsvSuccess: 1, PasvSuccess: 0, ListSuccess: 1, DataConnectionSuccess: 1 },
      absent: ['PasvLatency'],
    },
    {
      fault: 'storage-unreachable' as const,
      verdict: 'failed',
      step: 'list',
      topCause: 'CFTP-PROBE-012',
      metrics: { LoginSuccess: 1, EpsvSuccess: 1, ListSuccess: 0 },
      absent: ['ListLatency', 'WriteCheckSuccess'],
    },
    {
      fault: 'idp-timeout' as const,
      verdict: 'failed',
      step: 'login',
      topCause: 'CFTP-PROBE-009',
      metrics: { ConnectSuccess: 1, BannerSuccess: 1, LoginSuccess: 0 },
      absent: ['LoginLatency', 'EpsvSuccess', 'ListSuccess'],
    },
    {
      // Transfer fails the login when it cannot assume the role the IdP returned: from the client, a plain 530.
      fault: 'role-not-assumable' as const,
      verdict: 'failed',
      step: 'login',
      topCause: 'CFTP-PROBE-007',
      metrics: { ConnectSuccess: 1, BannerSuccess: 1, LoginSuccess: 0 },
      absent: ['LoginLatency', 'EpsvSuccess', 'ListSuccess'],
    },
  ])('$fault: step metrics, overall failure, and a failure counted by its top cause $topCause', async (c) => {
    const { result, records, logs, text } = await runCanary([c.fault], {}, { idpTimeoutMs: 3000 });
    expect(result).toMatchObject({ verdict: c.verdict, firstFailure: c.step, topCause: c.topCause });
    const { run, byCause } = checked(records);
    expect(run).toMatchObject({ Success: 0, Failure: 1, ...c.metrics });
    for (const name of c.absent) expect(run).not.toHaveProperty(name);
    expect(byCause).toMatchObject({ TopCause: c.topCause, Failure: 1, Canary: 'client-vpc' });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'WARN', verdict: c.verdict, firstFailure: c.step, topCause: c.topCause }),
    );
    expectNoPassword(text);
  });

  it("keeps the probe inside the Lambda's remaining time", async () => {
    const { result, logs, ms } = await runCanary(
      ['data-ports-blocked'],
      {},
      {},
      { getRemainingTimeInMillis: () => 4500 },
    );
    expect(result.verdict).toBe('failed');
    const { report } = logs.find((l) => l.level === 'WARN') as { report: { timeoutMs: number } };
    expect(report.timeoutMs).toBe(2500);
    expect(ms).toBeLessThan(4500);
  });

  it('FTPS with the CA given in FTP_TLS_CA: the TLS step measured too', async () => {
    const { result, records, text } = await runCanary(
      [],
      (emulator) => ({ FTP_PROTOCOL: 'FTPS', FTP_TLS_CA: emulator.certificate }),
      { ftps: true },
    );
    expect(result.verdict).toBe('healthy');
    expect(checked(records).run).toMatchObject({ Success: 1, TlsSuccess: 1, TlsLatency: latency, ListSuccess: 1 });
    expectNoPassword(text);
  });

  it('FTPS without the CA: the certificate is rejected, counted by its cause', async () => {
    const { result, records } = await runCanary([], { FTP_PROTOCOL: 'FTPS' }, { ftps: true });
    expect(result).toMatchObject({ verdict: 'failed', firstFailure: 'tls', topCause: 'CFTP-PROBE-005' });
    expect(checked(records).run).toMatchObject({ TlsSuccess: 0, Failure: 1 });
  });

  it('a plain-string secret is the password itself; FTP_PASSWORD works for a local rehearsal', async () => {
    secrets.put('canary/plain', PASSWORD);
    expect((await runCanary([], { FTP_PASSWORD_SECRET_ID: 'canary/plain' })).result.verdict).toBe('healthy');
    const local = await runCanary([], { FTP_PASSWORD_SECRET_ID: '', FTP_PASSWORD: PASSWORD });
    expect(local.result.verdict).toBe('healthy');
    expectNoPassword(local.text);
  });
});

describe('canary handler when it cannot probe', () => {
  it.each([
    ['a secret that does not exist', 'canary/missing', undefined, 'ResourceNotFoundException'],
    ['a secret with a PasswordHash only', 'canary/hashed', { PasswordHash: '$scrypt$...', Role: 'r' }, 'PasswordHash'],
  ])('%s: counted as canary-secret, logged naming FTP_PASSWORD_SECRET_ID, no probe', async (_, id, secret, hint) => {
    if (secret) secrets.put(id, secret);
    const { result, records, logs, text } = await runCanary([], { FTP_PASSWORD_SECRET_ID: id });
    expect(result).toMatchObject({ verdict: 'failed', topCause: 'canary-secret' });
    const { run, byCause } = checked(records);
    expect(run).toMatchObject({ Success: 0, Failure: 1 });
    expect(run).not.toHaveProperty('LoginSuccess');
    expect(byCause).toMatchObject({ TopCause: 'canary-secret', Failure: 1 });
    const error = logs.find((l) => l.level === 'ERROR') as { error: string };
    expect(error.error).toContain('FTP_PASSWORD_SECRET_ID');
    expect(error.error).toContain(hint);
    expectNoPassword(text);
  });

  it('a bad environment: logged and counted as canary-configuration, then thrown naming the variable', async () => {
    const handler = createCanaryHandler({
      env: { FTP_USER: USER, FTP_PASSWORD: PASSWORD, POWERTOOLS_METRICS_NAMESPACE: NAMESPACE },
    });
    const { result, lines, text } = await capturingOutput(() =>
      handler({}).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    expectNoPassword(text);
    expect(result).toMatchObject({ name: 'CanaryConfigError', variable: 'FTP_HOST' });
    const records = (lines as Line[]).filter((line) => line._aws !== undefined);
    for (const record of records) expect(emfViolations(record)).toEqual([]);
    expect(records).toContainEqual(expect.objectContaining({ TopCause: 'canary-configuration', Failure: 1 }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', variable: 'FTP_HOST' }));
  });
});
