import { NetworkCheckPlugin } from '@closed-ftp/network-check/cdk';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { VpcPeering } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { CLIENT_CIDR, peeredStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

const checkedApp = (failOn: 'error' | 'warning' = 'warning') =>
  appWithPlugins(() => [new NetworkCheckPlugin({ failOn })]);

// Distinct rule ids: the plugin may report a rule once per resource.
const rulesOf = (app: ReturnType<typeof checkedApp>) => [...new Set(synthViolations(app).map((v) => v.rule))];

describe("network-check's CDK plugin", () => {
  it('finds nothing at warning level or above on a peered ClosedFtpServer with users', () => {
    const { app, server } = peeredStack({}, checkedApp());
    server.addUser('user1');
    expect(synthViolations(app)).toEqual([]);
  });

  it('finds nothing with the IdP in the VPC', () => {
    const { app, server } = peeredStack({ identityProviderInVpc: true }, checkedApp());
    server.addUser('user1');
    expect(synthViolations(app)).toEqual([]);
  });

  it('flags a server that admits the clients on the control port only', () => {
    const app = checkedApp('error');
    const { server } = peeredStack({}, app);
    const ingress = server.securityGroup.node.defaultChild as ec2.CfnSecurityGroup;
    ingress.addPropertyOverride('SecurityGroupIngress', [
      { CidrIp: CLIENT_CIDR, IpProtocol: 'tcp', FromPort: 21, ToPort: 21 },
    ]);
    const rules = rulesOf(app);
    expect(rules).toContain('CFTP-NET-006');
    expect(rules).not.toContain('CFTP-NET-005');
  });

  it('flags peering without the routes back from the endpoint subnets', () => {
    const app = checkedApp('error');
    const { stack, vpc, clientVpc } = peeredStack({}, app);
    stack.node.tryRemoveChild('Peering');
    const peering = new VpcPeering(stack, 'OneWayPeering', { vpc: clientVpc, peerVpc: vpc, addRoutes: false });
    peering.addRoutes('To', clientVpc, vpc.vpcCidrBlock);
    expect(rulesOf(app)).toEqual(['CFTP-NET-012']);
  });

  it('flags a server without the STS endpoint of the article (a warning)', () => {
    const app = checkedApp('warning');
    peeredStack({ stsEndpoint: false }, app);
    expect(rulesOf(app)).toEqual(['CFTP-NET-017']);
  });
});
