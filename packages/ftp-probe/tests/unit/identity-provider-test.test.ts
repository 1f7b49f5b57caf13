import { TestIdentityProviderCommand, TransferClient } from '@aws-sdk/client-transfer';
import { FakeTransfer } from '@closed-ftp/test-support/fake-aws';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type IdpTestOptions, probe } from '../../src/index.js';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';

const SERVER_ID = 's-0123456789abcdef0';
const ROLE = 'arn:aws:iam::111122223333:role/transfer-user';
let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.stop());

function run(idpTest: IdpTestOptions, password = PASSWORD) {
  return probe(`ftp://${USER}@127.0.0.1:${emulator.port}`, {
    password,
    idpTest,
    stepTimeouts: { idp: 1500 },
    timeoutMs: 10_000,
  });
}

describe('TestIdentityProvider logic (aws-sdk-client-mock)', () => {
  // Mock one instance only: the wire tests below use real clients.
  const client = new TransferClient({ region: 'us-east-1' });
  const transfer = mockClient(client);
  afterEach(() => transfer.reset());

  it('sends the user, password, protocol and source IP, and accepts a Role', async () => {
    transfer.on(TestIdentityProviderCommand).resolves({
      StatusCode: 200,
      Response: JSON.stringify({ Role: ROLE, HomeDirectory: '/bucket/home/alice' }),
      Url: 'lambda',
    });
    const report = await run({ serverId: SERVER_ID, client });
    expect(transfer.commandCalls(TestIdentityProviderCommand)[0]!.args[0].input).toEqual({
      ServerId: SERVER_ID,
      UserName: USER,
      UserPassword: PASSWORD,
      ServerProtocol: 'FTP',
      SourceIp: '127.0.0.1',
    });
    const idp = report.steps.find((s) => s.step === 'idp')!;
    expect(idp.status).toBe('ok');
    expect(idp.evidence.role).toBe(ROLE);
    expect(report.verdict).toBe('healthy');
  });

  it('interprets "Lambda IDP authentication failure" as a denial of the user', async () => {
    transfer.on(TestIdentityProviderCommand).resolves({
      StatusCode: 200,
      Response: '{}',
      Message: 'Lambda IDP authentication failure',
    });
    const report = await run({ serverId: SERVER_ID, client }, 'wrong-pw');
    expect(report.firstFailure?.step).toBe('login');
    expect(report.steps.find((s) => s.step === 'idp')!.status).toBe('failed');
    const idpCause = report.causes.find((c) => c.resource === 'step idp')!;
    expect(idpCause.id).toBe('CFTP-PROBE-008');
    expect(idpCause.message).toContain('Lambda IDP authentication failure');
    expect(JSON.stringify(report)).not.toContain('wrong-pw');
  });
});

describe('a refused login that TestIdentityProvider accepts', () => {
  const client = new TransferClient({ region: 'us-east-1' });
  const transfer = mockClient(client);
  afterAll(() => transfer.restore());

  it('names the role Transfer cannot assume first, then the home directory', async () => {
    transfer.on(TestIdentityProviderCommand).resolves({ StatusCode: 200, Response: JSON.stringify({ Role: ROLE }) });
    // The emulator's IdP refuses this password; TestIdentityProvider (mocked) accepts it: what a bad role looks like.
    const report = await run({ serverId: SERVER_ID, client }, 'not-the-emulator-password');
    expect(report.firstFailure?.step).toBe('login');
    expect(report.steps.find((s) => s.step === 'idp')!.status).toBe('ok');
    expect(report.causes.map((c) => c.id)).toEqual(['CFTP-NET-025', 'CFTP-PROBE-014']);
    expect(report.causes[0]!.message).toContain('assume the Role');
  });
});

describe('TestIdentityProvider over the wire (FakeTransfer: the Transfer JSON 1.1 protocol, real SDK client)', () => {
  let api: FakeTransfer | undefined;
  const saved = { ...process.env };
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-key';
  });
  afterAll(() => {
    process.env = saved;
  });
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const accepts = () => ({ StatusCode: 200, Response: JSON.stringify({ Role: ROLE }) });
  async function over(arm: (fake: FakeTransfer) => void = () => {}) {
    api = await FakeTransfer.start({ handlers: { TestIdentityProvider: accepts } });
    arm(api);
    return run({ serverId: SERVER_ID, region: 'us-east-1', endpoint: api.endpoint });
  }

  it('calls TransferService.TestIdentityProvider and reads the Response', async () => {
    const report = await over();
    expect(api!.calls).toHaveLength(1);
    expect(api!.calls[0]).toMatchObject({
      operation: 'TestIdentityProvider',
      input: { ServerId: SERVER_ID, UserName: USER, ServerProtocol: 'FTP' },
    });
    expect(report.steps.find((s) => s.step === 'idp')!.status).toBe('ok');
  });

  it('AccessDeniedException: names the missing permission', async () => {
    const report = await over((fake) =>
      fake.fail({ kind: 'error', code: 'AccessDeniedException', message: 'not allowed', status: 400 }),
    );
    const idp = report.steps.find((s) => s.step === 'idp')!;
    expect(idp.status).toBe('failed');
    expect(idp.evidence.errorName).toBe('AccessDeniedException');
    expect(report.causes[0]).toMatchObject({ id: 'CFTP-PROBE-018' });
    expect(report.causes[0]!.remediation).toContain('transfer:TestIdentityProvider');
  });

  it('ResourceNotFoundException: points at the server id', async () => {
    const report = await over((fake) =>
      fake.fail({ kind: 'error', code: 'ResourceNotFoundException', message: 'no server', status: 400 }),
    );
    expect(report.causes[0]!.remediation).toContain('--server-id');
  });

  it('a throttled first attempt is retried', async () => {
    const report = await over((fake) =>
      fake.fail({ kind: 'throttle' }, { operation: 'TestIdentityProvider', times: 1 }),
    );
    expect(api!.callCount('TestIdentityProvider')).toBe(2);
    expect(report.steps.find((s) => s.step === 'idp')!.status).toBe('ok');
  });

  it('an API that never answers: the step times out at its deadline', async () => {
    const report = await over((fake) => fake.fail({ kind: 'hang' }));
    const idp = report.steps.find((s) => s.step === 'idp')!;
    expect(idp.status).toBe('timed-out');
    expect(idp.durationMs).toBeLessThan(1500 + 1000);
    expect(JSON.stringify(report)).not.toContain(PASSWORD);
  });
});
