// Live mode with the SDK's own clients against FakeAwsServer: the retry path is the real one, not a mock.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLiveAccount } from '../src/index.js';
import { FakeAwsServer } from './support/fake-aws-server.js';

describe('live mode against FakeAwsServer (the real SDK retry path)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('default clients retry EC2 throttling (adaptive mode) and finish the read', async () => {
    const fake = new FakeAwsServer({ DescribeVpcs: 2, DescribeSubnets: 1 });
    const url = await fake.start();
    try {
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_EC2: url,
        AWS_ENDPOINT_URL_TRANSFER: url,
        AWS_ENDPOINT_URL_LAMBDA: url,
        AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-for-a-local-fake',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      const topology = await loadLiveAccount({ region: 'eu-west-1' });
      expect(topology.vpcs.map((v) => v.id)).toEqual(['vpc-0fake']);
      expect(fake.calls.filter((c) => c === 'DescribeVpcs')).toHaveLength(3);
      expect(fake.calls.filter((c) => c === 'DescribeSubnets')).toHaveLength(2);
      expect(fake.calls[0]).toBe('ListServers');
    } finally {
      await fake.close();
    }
  });
});

describe('network-check live (the CLI against FakeAwsServer)', () => {
  it('reads the account and reports; credentials come from the environment only', async () => {
    const fake = new FakeAwsServer();
    const url = await fake.start();
    try {
      const env = {
        ...process.env,
        AWS_ENDPOINT_URL_EC2: url,
        AWS_ENDPOINT_URL_TRANSFER: url,
        AWS_ENDPOINT_URL_LAMBDA: url,
        AWS_ACCESS_KEY_ID: 'AKIDFAKEFAKEFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-for-a-local-fake',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
      const { stdout } = await promisify(execFile)(process.execPath, [cli, 'live', '--region', 'eu-west-1', '--json'], {
        env,
      });
      const report = JSON.parse(stdout);
      expect(report.source).toEqual({ kind: 'live', location: 'aws://eu-west-1' });
      expect(report.findings).toEqual([]);
      expect(fake.calls).toContain('DescribeVpcEndpoints');
    } finally {
      await fake.close();
    }
  });
});
