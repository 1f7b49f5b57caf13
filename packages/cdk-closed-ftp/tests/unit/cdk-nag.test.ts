import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ClosedFtpServer } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { CLIENT_CIDR, serverStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

const nagApp = () => appWithPlugins((app) => [new AwsSolutionsChecks(app)]);

describe('cdk-nag AwsSolutions', () => {
  it('passes on a server with users, the IdP outside the VPC', () => {
    const { app, server } = serverStack({}, nagApp());
    server.addUser('user1');
    server.addUser('user2', { logicalDirectories: [{ entry: '/in', target: 'in/user2' }] });
    expect(synthViolations(app)).toEqual([]);
  });

  it('passes with the IdP inside the VPC', () => {
    const { app, server } = serverStack({ identityProviderInVpc: true }, nagApp());
    server.addUser('user1');
    expect(synthViolations(app)).toEqual([]);
  });

  it('fails a hand-made stack: VPC without flow logs, bucket without TLS enforcement or a logging reason', () => {
    const app = nagApp();
    const stack = new Stack(app, 'Broken');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: false });
    new ClosedFtpServer(stack, 'Server', { vpc, bucket, allowFrom: [ec2.Peer.ipv4(CLIENT_CIDR)] });
    const rules = new Set(synthViolations(app).map((v) => v.rule));
    expect(rules).toContain('AwsSolutions-VPC7'); // no flow log
    expect(rules).toContain('AwsSolutions-S10'); // TLS not enforced
    expect(rules).toContain('AwsSolutions-S1'); // no access logs, no acknowledgement
  });
});
