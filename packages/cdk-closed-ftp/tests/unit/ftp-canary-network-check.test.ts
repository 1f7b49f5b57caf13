import { NetworkCheckPlugin } from '@closed-ftp/network-check/cdk';
import type { CfnElement } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { FtpCanary } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { peeredStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

function canaryApp() {
  const app = appWithPlugins(() => [new NetworkCheckPlugin({ failOn: 'error' })]);
  const base = peeredStack({}, app);
  const canary = new FtpCanary(base.stack, 'Canary', {
    server: base.server,
    user: base.server.addUser('canary1'),
    vpc: base.clientVpc,
    addSecretsManagerEndpoint: true,
  });
  // The logical ids of the subnets the canary runs in, as network-check names them.
  const canarySubnets = base.clientVpc.isolatedSubnets.map((s) =>
    base.stack.getLogicalId(s.node.defaultChild as CfnElement),
  );
  return { ...base, canary, canarySubnets };
}

describe("network-check's CDK plugin on the canary's path", () => {
  it('fails the app when the endpoint no longer admits the passive range from the subnets the canary runs in', () => {
    const { app, server, canarySubnets } = canaryApp();
    // Another team "tidies" the endpoint's group: only the control port stays open.
    (server.securityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress', [
      { CidrIp: '10.1.0.0/16', IpProtocol: 'tcp', FromPort: 21, ToPort: 21, Description: 'control only' },
    ]);
    const violations = synthViolations(app);
    expect(violations.length).toBeGreaterThan(0);
    const text = JSON.stringify(violations);
    expect(text).toMatch(/8192/);
    expect(canarySubnets.some((subnet) => text.includes(subnet))).toBe(true);
  });

  it('passes the same app with the endpoint as FtpCanary leaves it', () => {
    const { app } = canaryApp();
    expect(synthViolations(app)).toEqual([]);
  });
});
