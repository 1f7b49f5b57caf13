// Live mode with the SDK's own clients against FakeEc2 and FakeTransfer: the retry and pagination paths are the
// real ones, not a mock.
import { afterEach, describe, expect, it } from 'vitest';
import { loadLiveAccount } from '../../src/index.js';
import { cli } from '../support/cli.js';
import { type FakeAccount, startFakeAccount } from '../support/fake-account.js';

const VPCS = [
  { vpcId: 'vpc-0fake', cidrBlock: '10.0.0.0/16', state: 'available' },
  { vpcId: 'vpc-0fake2', cidrBlock: '10.1.0.0/16', state: 'available' },
  { vpcId: 'vpc-0fake3', cidrBlock: '10.2.0.0/16', state: 'available' },
];

describe('live mode against FakeEc2 and FakeTransfer (the real SDK retry and pagination paths)', () => {
  const saved = { ...process.env };
  let account: FakeAccount | undefined;
  afterEach(async () => {
    process.env = { ...saved };
    await account?.close();
  });

  it('default clients retry EC2 throttling (adaptive mode), follow NextToken, and finish the read', {
    timeout: 60_000,
  }, async () => {
    account = await startFakeAccount({ DescribeVpcs: VPCS });
    account.ec2.fail({ kind: 'throttle' }, { operation: 'DescribeVpcs', times: 2 });
    account.ec2.fail({ kind: 'throttle' }, { operation: 'DescribeSubnets', times: 1 });
    Object.assign(process.env, account.env);
    const topology = await loadLiveAccount({ region: 'eu-west-1' });
    expect(topology.vpcs.map((v) => v.id)).toEqual(['vpc-0fake', 'vpc-0fake2', 'vpc-0fake3']);
    // Two throttled attempts, then two pages (two VPCs, then one).
    expect(account.ec2.callCount('DescribeVpcs')).toBe(4);
    const pages = account.ec2.calls.filter((c) => c.operation === 'DescribeVpcs').map((c) => c.input.NextToken);
    expect(pages).toEqual([undefined, undefined, undefined, '2']);
    expect(account.ec2.callCount('DescribeSubnets')).toBe(2);
    expect(account.transfer.calls[0]?.operation).toBe('ListServers');
  });
});

describe('network-check live (the CLI against FakeEc2 and FakeTransfer)', () => {
  it('reads the account and reports; credentials come from the environment only; no server = exit 3', async () => {
    const account = await startFakeAccount({ DescribeVpcs: VPCS.slice(0, 1) });
    try {
      // Without the suite's own switch: the CLI turns off the SDK's Node 22 notice itself (on Node 20 it would print).
      const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, ...env } = { ...process.env, ...account.env };
      const { code, stdout, stderr } = await cli(['live', '--region', 'eu-west-1', '--json'], env);
      expect({ code, error: stderr.includes('network-check:') }).toEqual({ code: 3, error: false });
      expect(stderr).not.toMatch(/NodeVersionSupportWarning/);
      const report = JSON.parse(stdout);
      expect(report.coverage).toMatchObject({ servers: 0, clientNetworks: 0, gap: expect.stringMatching(/^No FTP/) });
      expect(report.source).toEqual({ kind: 'live', location: 'aws://eu-west-1' });
      expect(report.findings).toEqual([]);
      expect(account.ec2.callCount('DescribeVpcEndpoints')).toBe(1);
    } finally {
      await account.close();
    }
  });
});
