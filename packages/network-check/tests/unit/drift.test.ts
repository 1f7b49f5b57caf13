// The drift check: live mode's read of its own account through the real SDK clients (FakeEc2, FakeTransfer), every
// rule, findings to the log and their counts by severity as CloudWatch Embedded Metric Format records.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDriftHandler, DriftConfigError } from '../../src/drift/index.js';
import { type FakeAccount, startFakeAccount } from '../support/fake-account.js';

const run = promisify(execFile);
const BUNDLE = new URL('../../dist/drift-bundle/index.mjs', import.meta.url).pathname;
const SERVER_ID = 's-0123456789abcdef0';
const SERVER_ARN = `arn:aws:transfer:eu-west-1:111122223333:server/${SERVER_ID}`;

/** One closed VPC whose FTP server lists no security group: Transfer attaches the default one (CFTP-NET-007). */
async function driftedAccount(): Promise<FakeAccount> {
  return startFakeAccount(
    {
      DescribeVpcs: [{ vpcId: 'vpc-0ftp', cidrBlock: '10.0.0.0/16', state: 'available' }],
      DescribeSubnets: [{ subnetId: 'subnet-0a', vpcId: 'vpc-0ftp', cidrBlock: '10.0.1.0/24' }],
      DescribeSecurityGroups: [
        { groupId: 'sg-0default', groupName: 'default', vpcId: 'vpc-0ftp', ipPermissions: [], ipPermissionsEgress: [] },
      ],
    },
    [
      {
        Arn: SERVER_ARN,
        ServerId: SERVER_ID,
        Protocols: ['FTP'],
        EndpointType: 'VPC',
        EndpointDetails: { VpcId: 'vpc-0ftp', SubnetIds: ['subnet-0a'], SecurityGroupIds: [] },
        IdentityProviderType: 'AWS_LAMBDA',
        ProtocolDetails: { PassiveIp: 'AUTO' },
        StructuredLogDestinations: ['arn:aws:logs:eu-west-1:111122223333:log-group:/aws/transfer/ftp'],
        State: 'ONLINE',
      },
    ],
  );
}

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

/** The EMF rules the records must follow: every metric and dimension named has a value of the right kind. */
function checkEmf(record: Emf): void {
  expect(record._aws.Timestamp).toEqual(expect.any(Number));
  const [directive] = record._aws.CloudWatchMetrics;
  expect(directive!.Namespace).toBe('ClosedFtp/NetworkDrift');
  for (const set of directive!.Dimensions) for (const name of set) expect(typeof record[name], name).toBe('string');
  for (const metric of directive!.Metrics) {
    expect(metric.Unit).toBe('Count');
    expect(Number.isInteger(record[metric.Name]), metric.Name).toBe(true);
  }
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the drift check', () => {
  let account: FakeAccount | undefined;
  afterEach(async () => {
    await account?.close();
    account = undefined;
  });

  it('reads its account read-only, logs the findings and publishes them by severity and error rule', async () => {
    account = await driftedAccount();
    const logged: string[] = [];
    const written: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let result: Awaited<ReturnType<ReturnType<typeof createDriftHandler>>>;
    try {
      const previous = { ...process.env };
      Object.assign(process.env, account.env);
      try {
        result = await createDriftHandler({ env: { AWS_REGION: 'eu-west-1' }, log: (line) => logged.push(line) })();
      } finally {
        process.env = previous;
      }
    } finally {
      out.mockRestore();
    }
    expect(result.errors).toBeGreaterThan(0);
    expect(result.errorRules).toContain('CFTP-NET-007');
    expect(result.servers).toBe(1);
    const [line] = logged.map((l) => JSON.parse(l));
    expect(line.findings.filter((f: { severity: string }) => f.severity === 'error')).toHaveLength(result.errors);
    expect(line.findings.map((f: { id: string }) => f.id)).toContain('CFTP-NET-007');

    const records = jsonLines(written.join('')) as Emf[];
    for (const record of records) checkEmf(record);
    const [totals, ...byRule] = records;
    expect(totals!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service']]);
    expect(totals).toMatchObject({
      service: 'closed-ftp-network-drift',
      ErrorFindings: result.errors,
      WarningFindings: result.warnings,
      InfoFindings: result.infos,
      ServersChecked: 1,
    });
    expect(byRule.map((r) => r.RuleId)).toEqual(result.errorRules);
    for (const record of byRule) expect(record._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'RuleId']]);
    expect(byRule.reduce((sum, r) => sum + Number(r.ErrorFindings), 0)).toBe(result.errors);
    // Read-only: only Describe/List/Get calls reached the account.
    const operations = [...account.ec2.calls, ...account.transfer.calls].map((c) => c.operation);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) expect(operation).toMatch(/^(Describe|List|Get|Search)/);
  });

  it('refuses a bad environment with one line naming the variable', () => {
    expect(() => createDriftHandler({ env: { DRIFT_PROFILE: 'open' } })).toThrow(DriftConfigError);
    expect(() => createDriftHandler({ env: { DRIFT_PROFILE: 'open' } })).toThrow(
      /^DRIFT_PROFILE: expected closed or connected/,
    );
    expect(() => createDriftHandler({ env: { DRIFT_SERVER_IDS: 's-1, s-0123456789abcdef0' } })).toThrow(
      /^DRIFT_SERVER_IDS: s-1 is not a Transfer server id/,
    );
  });

  describe('its one-file bundle (what NetworkDriftCheck deploys)', () => {
    beforeAll(async () => {
      await run(process.execPath, [new URL('../../scripts/bundle-drift.mjs', import.meta.url).pathname]);
    }, 120_000);

    it('runs as index.handler with nothing but the environment, and reports to stdout', async () => {
      expect(existsSync(BUNDLE)).toBe(true);
      account = await driftedAccount();
      const script = `const { handler } = await import(${JSON.stringify(BUNDLE)}); await handler({});`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...account.env, AWS_REGION: 'eu-west-1', PATH: process.env.PATH, DRIFT_SERVER_IDS: SERVER_ID },
      });
      const lines = jsonLines(stdout);
      const emf = lines.filter((l) => l._aws !== undefined) as Emf[];
      for (const record of emf) checkEmf(record);
      expect(emf[0]).toMatchObject({ ServersChecked: 1 });
      expect(lines.find((l) => l._aws === undefined)).toMatchObject({ message: 'network drift: errors found' });
      expect(account.transfer.calls.map((c) => c.operation)).toEqual(['DescribeServer']);
    }, 60_000);
  });
});
