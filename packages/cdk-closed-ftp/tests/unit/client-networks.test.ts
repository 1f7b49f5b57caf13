import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { InvalidPropError } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { serverStack } from '../support/stacks.js';

useTestApps();

const endpointIngress = (template: Template) =>
  Object.values(
    template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('Transfer FTP endpoint') },
    }),
  )[0]!.Properties.SecurityGroupIngress as Array<Record<string, unknown>>;

describe('client networks behind a Transit Gateway or a VPN gateway', () => {
  it('admits a network behind a Transit Gateway by name and routes every endpoint subnet back through it', () => {
    const { stack } = serverStack({
      allowFrom: [],
      clientNetworks: [{ name: 'spoke-a', cidr: '10.20.0.0/16', transitGatewayId: 'tgw-0123456789abcdef0' }],
    });
    const template = Template.fromStack(stack);
    expect(endpointIngress(template)).toEqual([
      expect.objectContaining({
        CidrIp: '10.20.0.0/16',
        FromPort: 21,
        ToPort: 21,
        Description: 'spoke-a via transit gateway tgw-0123456789abcdef0 (FTP control)',
      }),
      expect.objectContaining({ CidrIp: '10.20.0.0/16', FromPort: 8192, ToPort: 8200 }),
    ]);
    const routes = Object.values(template.findResources('AWS::EC2::Route'));
    expect(routes.map((r) => r.Properties)).toEqual([
      {
        RouteTableId: { Ref: expect.stringMatching(/^VpcIsolatedSubnet1RouteTable/) },
        DestinationCidrBlock: '10.20.0.0/16',
        TransitGatewayId: 'tgw-0123456789abcdef0',
      },
      {
        RouteTableId: { Ref: expect.stringMatching(/^VpcIsolatedSubnet2RouteTable/) },
        DestinationCidrBlock: '10.20.0.0/16',
        TransitGatewayId: 'tgw-0123456789abcdef0',
      },
    ]);
  });

  it('propagates a VPN gateway once into every endpoint route table, for each on-premises network behind it', () => {
    const { stack, vpc, server } = serverStack({ allowFrom: [] });
    const vgw = new ec2.CfnVPNGateway(stack, 'Vgw', { type: 'ipsec.1' });
    const attachment = new ec2.CfnVPCGatewayAttachment(stack, 'VgwAttachment', {
      vpcId: vpc.vpcId,
      vpnGatewayId: vgw.ref,
    });
    server.addClientNetwork({
      name: 'osaka-office',
      cidr: '192.168.0.0/20',
      vpnGatewayId: vgw.ref,
      routesDependOn: attachment,
    });
    server.addClientNetwork({
      name: 'kobe-office',
      cidr: '192.168.16.0/20',
      vpnGatewayId: vgw.ref,
      routesDependOn: attachment,
    });
    expect(server.clientNetworks.map((n) => n.name)).toEqual(['osaka-office', 'kobe-office']);
    const template = Template.fromStack(stack);
    const propagations = Object.entries(template.findResources('AWS::EC2::VPNGatewayRoutePropagation'));
    expect(propagations).toHaveLength(1);
    const [, propagation] = propagations[0]!;
    expect(propagation.Properties).toEqual({
      VpnGatewayId: { Ref: 'Vgw' },
      RouteTableIds: [
        { Ref: expect.stringMatching(/^VpcIsolatedSubnet1RouteTable/) },
        { Ref: expect.stringMatching(/^VpcIsolatedSubnet2RouteTable/) },
      ],
    });
    expect(propagation.DependsOn).toEqual(['VgwAttachment']);
    const cidrs = endpointIngress(template).map((r) => [r.CidrIp, r.FromPort]);
    expect(cidrs).toEqual([
      ['192.168.0.0/20', 21],
      ['192.168.0.0/20', 8192],
      ['192.168.16.0/20', 21],
      ['192.168.16.0/20', 8192],
    ]);
  });

  it('refuses networks that cannot work, naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', cidr: '10.0.5.0/24' }, 'ClosedFtpServerProps.clientNetworks.cidr'], // inside the server's VPC
      [{ name: 'x', cidr: '192.168.0.0/33' }, 'ClosedFtpServerProps.clientNetworks.cidr'],
      [{ name: '', cidr: '192.168.0.0/16' }, 'ClosedFtpServerProps.clientNetworks.name'],
      [
        {
          name: 'x',
          cidr: '192.168.0.0/16',
          transitGatewayId: 'tgw-0123456789abcdef0',
          vpnGatewayId: 'vgw-0123456789abcdef0',
        },
        'ClosedFtpServerProps.clientNetworks.transitGatewayId',
      ],
      [
        { name: 'x', cidr: '192.168.0.0/16', transitGatewayId: 'igw-0123456789abcdef0' },
        'ClosedFtpServerProps.clientNetworks.transitGatewayId',
      ],
      [
        { name: 'x', cidr: '192.168.0.0/16', vpnGatewayId: 'tgw-0123456789abcdef0' },
        'ClosedFtpServerProps.clientNetworks.vpnGatewayId',
      ],
    ];
    for (const [network, prop] of cases) {
      let error: unknown;
      try {
        serverStack({ clientNetworks: [network as never] });
      } catch (e) {
        error = e;
      }
      expect(InvalidPropError.isInstance(error) && error.prop, JSON.stringify(network)).toBe(prop);
    }
    const { server } = serverStack();
    server.addClientNetwork({ name: 'a', cidr: '192.168.0.0/16' });
    expect(() => server.addClientNetwork({ name: 'a', cidr: '172.16.0.0/12' })).toThrow(
      expect.objectContaining({ prop: 'addClientNetwork.name' }),
    );
  });
});
