import { NetworkCheckPlugin } from '@closed-ftp/network-check/cdk';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { FTP_CANARY_TAG, FtpCanary } from '../../src/index.js';
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
  const canaryFunction = base.stack.getLogicalId(canary.function.node.defaultChild as CfnElement);
  return { ...base, canary, canarySubnets, canaryFunction };
}

/** The violations network-check reported with one rule id. */
function findings(app: ReturnType<typeof canaryApp>['app'], id: string) {
  return synthViolations(app).filter((v) => v.rule.includes(id));
}

describe("network-check's CDK plugin on the canary's path", () => {
  it('fails the app when the endpoint no longer admits the passive range from the subnets the canary runs in', () => {
    const { app, server, canarySubnets, canaryFunction } = canaryApp();
    // Another team "tidies" the endpoint's group: only the control port stays open.
    (server.securityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupIngress', [
      { CidrIp: '10.1.0.0/16', IpProtocol: 'tcp', FromPort: 21, ToPort: 21, Description: 'control only' },
    ]);
    const violations = synthViolations(app);
    expect(violations.length).toBeGreaterThan(0);
    const text = JSON.stringify(violations);
    expect(text).toMatch(/8192/);
    expect(canarySubnets.some((subnet) => text.includes(subnet))).toBe(true);
    // The client it names is the canary's function in each of its subnets.
    for (const subnet of canarySubnets) expect(text).toContain(`client Ftp/${canaryFunction} in Ftp/${subnet}`);
  });

  it('passes the same app with the endpoint as FtpCanary leaves it', () => {
    const { app } = canaryApp();
    expect(synthViolations(app)).toEqual([]);
  });

  it("tags the canary's function, so network-check checks its own path (not only the peered subnets)", () => {
    const { stack, canary } = canaryApp();
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Tags: [{ Key: FTP_CANARY_TAG, Value: canary.canaryName }],
    });
  });

  it("fails the app when the canary's own security group lets out the control port only", () => {
    const { app, canary, canaryFunction, canarySubnets } = canaryApp();
    // The endpoint still admits the client VPC: only the canary's side of the path is broken.
    (canary.securityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupEgress', [
      { CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 21, ToPort: 21, Description: 'control only' },
    ]);
    const egress = findings(app, 'CFTP-NET-008');
    // One finding per canary subnet and endpoint subnet, each naming the canary's function and the passive range.
    expect(egress.length).toBe(canarySubnets.length * 2);
    for (const finding of egress) {
      expect(finding.description).toMatch(new RegExp(`Client Ftp/${canaryFunction} in Ftp/ClientVpcIsolatedSubnet`));
      expect(finding.description).toMatch(/may not send TCP 8192-8200/);
      expect(finding.description).not.toMatch(/may not send TCP 21/);
    }
    expect(synthViolations(app).filter((v) => !v.rule.includes('CFTP-NET-008'))).toEqual([]);
  });

  it('fails the app when the Secrets Manager endpoint does not admit the canary on 443', () => {
    const { app, stack, canary, canaryFunction } = canaryApp();
    // The endpoint's group keeps no ingress: the rule CDK added for the canary is removed.
    const ingress = stack.node
      .findAll()
      .filter((c): c is ec2.CfnSecurityGroupIngress => c instanceof ec2.CfnSecurityGroupIngress)
      .filter((c) => c.node.path.includes('SecretsManagerEndpoint'));
    expect(ingress).toHaveLength(1);
    ingress[0]!.node.scope!.node.tryRemoveChild(ingress[0]!.node.id);
    const violations = synthViolations(app);
    expect(violations.map((v) => v.rule)).toEqual([expect.stringContaining('CFTP-NET-023')]);
    expect(violations[0]!.description).toMatch(
      new RegExp(`FTP canary ${canary.canaryName} \\(Ftp/${canaryFunction}\\) cannot read its user's password`),
    );
    expect(violations[0]!.description).toMatch(/does not admit TCP 443 from the canary/);
  });

  it("fails the app when the canary's VPC has no Secrets Manager endpoint to read its password through", () => {
    const app = appWithPlugins(() => [new NetworkCheckPlugin({ failOn: 'error' })]);
    const base = peeredStack({}, app);
    // An endpoint in the server's VPC: not where the canary runs.
    const elsewhere = base.vpc.addInterfaceEndpoint('Secrets', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    });
    new FtpCanary(base.stack, 'Canary', {
      server: base.server,
      user: base.server.addUser('canary1'),
      vpc: base.clientVpc,
      secretsManagerEndpoint: elsewhere,
    });
    const violations = synthViolations(app);
    expect(violations.map((v) => v.rule)).toEqual([expect.stringContaining('CFTP-NET-023')]);
    expect(violations[0]!.description).toMatch(/which has no Secrets Manager interface endpoint/);
  });
});
