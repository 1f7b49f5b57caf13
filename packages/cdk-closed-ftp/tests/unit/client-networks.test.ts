import { expectAcceptedByCloudFormation } from '@closed-ftp/test-support/cloudformation-schema';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { ClosedFtpServer, ClosedVpc, InvalidPropError } from '../../src/index.js';
import { testApp, useTestApps } from '../support/apps.js';
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

/** A server VPC and a spoke VPC attached to one Transit Gateway made in the same stack. */
function hubStack() {
  const { stack, vpc } = serverStack({ allowFrom: [] });
  const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', {
    defaultRouteTableAssociation: 'disable',
    defaultRouteTablePropagation: 'disable',
  });
  return { stack, vpc, tgw };
}

const errorProp = (build: () => unknown): string | undefined => {
  try {
    build();
  } catch (e) {
    if (InvalidPropError.isInstance(e)) return e.prop;
    throw e;
  }
  return undefined;
};

describe('client networks behind a Transit Gateway made in the same app', () => {
  it('attaches the VPC with one subnet per AZ and routes every CIDR of every network back through it, after the attachment', () => {
    const { stack, vpc, tgw } = hubStack();
    const attachment = vpc.attachToTransitGateway('TgwAttachment', { transitGatewayId: tgw.ref });
    const server = stack.node.findChild('Server') as ClosedFtpServer;
    server.addClientNetwork({ name: 'spoke', cidr: '10.1.0.0/16', transitGatewayAttachment: attachment });
    server.addClientNetwork({
      name: 'on-premises',
      cidrs: ['192.168.0.0/17', '192.168.128.0/17'],
      transitGatewayAttachment: attachment,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::TransitGatewayAttachment', {
      TransitGatewayId: { Ref: 'Tgw' },
      VpcId: { Ref: Match.stringLikeRegexp('^Vpc[0-9A-F]{8}$') },
      SubnetIds: [
        { Ref: Match.stringLikeRegexp('^VpcIsolatedSubnet1') },
        { Ref: Match.stringLikeRegexp('^VpcIsolatedSubnet2') },
      ],
    });
    // 21 and 8192-8200 from each block, nothing wider.
    expect(endpointIngress(template).map((r) => [r.CidrIp, r.FromPort, r.ToPort])).toEqual([
      ['10.1.0.0/16', 21, 21],
      ['10.1.0.0/16', 8192, 8200],
      ['192.168.0.0/17', 21, 21],
      ['192.168.0.0/17', 8192, 8200],
      ['192.168.128.0/17', 21, 21],
      ['192.168.128.0/17', 8192, 8200],
    ]);
    const routes = Object.values(template.findResources('AWS::EC2::Route'));
    expect(routes.map((r) => [r.Properties.DestinationCidrBlock, r.Properties.RouteTableId.Ref.slice(0, 28)])).toEqual([
      ['10.1.0.0/16', 'VpcIsolatedSubnet1RouteTable'],
      ['10.1.0.0/16', 'VpcIsolatedSubnet2RouteTable'],
      ['192.168.0.0/17', 'VpcIsolatedSubnet1RouteTable'],
      ['192.168.0.0/17', 'VpcIsolatedSubnet2RouteTable'],
      ['192.168.128.0/17', 'VpcIsolatedSubnet1RouteTable'],
      ['192.168.128.0/17', 'VpcIsolatedSubnet2RouteTable'],
    ]);
    const attachmentId = Object.keys(template.findResources('AWS::EC2::TransitGatewayAttachment'))[0];
    for (const route of routes) {
      expect(route.Properties.TransitGatewayId).toEqual({ Ref: 'Tgw' });
      expect(route.DependsOn).toEqual([attachmentId]);
    }
    expectAcceptedByCloudFormation(template);
  });

  it("routes a client VPC's subnets to the server's CIDR through the Transit Gateway once attached", () => {
    const { stack, tgw } = hubStack();
    const spoke = new ClosedVpc(stack, 'Spoke', { cidr: '10.1.0.0/16' });
    spoke.attachToTransitGateway('TgwAttachment', { transitGatewayId: tgw.ref, routeTo: ['10.0.0.0/16'] });
    const template = Template.fromStack(stack);
    const routes = Object.values(template.findResources('AWS::EC2::Route'));
    expect(routes).toHaveLength(2); // one route table per isolated subnet, one subnet per AZ
    for (const route of routes) {
      expect(route.Properties).toMatchObject({ DestinationCidrBlock: '10.0.0.0/16', TransitGatewayId: { Ref: 'Tgw' } });
      expect(route.DependsOn).toEqual([expect.stringMatching(/^SpokeTgwAttachment/)]);
    }
    expect(
      Object.values(template.findResources('AWS::EC2::TransitGatewayAttachment'))[0]!.Properties.SubnetIds,
    ).toHaveLength(2);
  });

  it('refuses an attachment without a subnet in one of the endpoint AZs, of another VPC, or no attachment at all', () => {
    const missingAz = hubStack();
    const oneAz = missingAz.vpc.attachToTransitGateway('OneAz', {
      transitGatewayId: missingAz.tgw.ref,
      subnets: { subnets: [missingAz.vpc.isolatedSubnets[0]!] },
    });
    const server = missingAz.stack.node.findChild('Server') as ClosedFtpServer;
    let error: unknown;
    try {
      server.addClientNetwork({ name: 'spoke', cidr: '10.1.0.0/16', transitGatewayAttachment: oneAz });
    } catch (e) {
      error = e;
    }
    expect(InvalidPropError.isInstance(error) && error.prop).toBe('addClientNetwork.transitGatewayAttachment');
    expect((error as Error).message).toMatch(/has no subnet in 1 of the endpoint's Availability Zones/);

    const other = hubStack();
    const spoke = new ClosedVpc(other.stack, 'Spoke', { cidr: '10.1.0.0/16' });
    const spokeAttachment = spoke.attachToTransitGateway('TgwAttachment', { transitGatewayId: other.tgw.ref });
    const otherServer = other.stack.node.findChild('Server') as ClosedFtpServer;
    expect(
      errorProp(() =>
        otherServer.addClientNetwork({ name: 'a', cidr: '192.168.0.0/16', transitGatewayAttachment: spokeAttachment }),
      ),
    ).toBe('addClientNetwork.transitGatewayAttachment');
    // The Transit Gateway is made here, so its routes must wait for an attachment the construct knows of.
    expect(
      errorProp(() =>
        otherServer.addClientNetwork({ name: 'b', cidr: '192.168.0.0/16', transitGatewayId: other.tgw.ref }),
      ),
    ).toBe('addClientNetwork.transitGatewayAttachment');
    expect(
      errorProp(() =>
        other.vpc.attachToTransitGateway('Bad', { transitGatewayId: other.tgw.ref, routeTo: ['10.0.128.0/17'] }),
      ),
    ).toBe('ClosedVpc.attachToTransitGateway(options).routeTo');
    expect(
      errorProp(() => other.vpc.attachToTransitGateway('Bad2', { transitGatewayId: 'vgw-0123456789abcdef0' })),
    ).toBe('ClosedVpc.attachToTransitGateway(options).transitGatewayId');
  });

  it('refuses networks that overlap each other or give no CIDR block', () => {
    const { server } = serverStack({ allowFrom: [] });
    server.addClientNetwork({ name: 'a', cidrs: ['192.168.0.0/16'], transitGatewayId: 'tgw-0123456789abcdef0' });
    expect(
      errorProp(() =>
        server.addClientNetwork({ name: 'b', cidrs: ['192.168.10.0/24'], transitGatewayId: 'tgw-0123456789abcdef0' }),
      ),
    ).toBe('addClientNetwork.cidrs');
    expect(errorProp(() => server.addClientNetwork({ name: 'c' }))).toBe('addClientNetwork.cidr');
  });
});

describe('client networks of a server in a VPC whose route tables this app does not define', () => {
  it('admits them but adds no route, and warns what to route where the tables are managed', () => {
    const app = testApp();
    const stack = new Stack(app, 'Imported');
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlock: '10.0.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      isolatedSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      isolatedSubnetRouteTableIds: ['rtb-0123456789abcdef0', 'rtb-0123456789abcdef1'],
    });
    const server = new ClosedFtpServer(stack, 'Server', {
      vpc,
      clientNetworks: [
        { name: 'spoke', cidr: '10.1.0.0/16', transitGatewayId: 'tgw-0123456789abcdef0' },
        { name: 'office', cidr: '192.168.0.0/16', vpnGatewayId: 'vgw-0123456789abcdef0' },
      ],
    });
    expect(server.clientNetworks).toHaveLength(2);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Route', 0);
    template.resourceCountIs('AWS::EC2::VPNGatewayRoutePropagation', 0);
    expect(endpointIngress(template).map((r) => r.CidrIp)).toEqual([
      '10.1.0.0/16',
      '10.1.0.0/16',
      '192.168.0.0/16',
      '192.168.0.0/16',
    ]);
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('clientNetworkRoutesNotAdded'),
    );
    expect(warnings.map((w) => String(w.entry.data))).toEqual([
      expect.stringMatching(/^spoke: route tables rtb-0123456789abcdef0, rtb-0123456789abcdef1 .* via transit gateway/),
      expect.stringMatching(/^office: .* 192\.168\.0\.0\/16 via VPN gateway vgw-0123456789abcdef0/),
    ]);
  });

  it('adds no route with addRoutes: false, even to tables it defines', () => {
    const { stack } = serverStack({
      allowFrom: [],
      clientNetworks: [
        { name: 'spoke', cidr: '10.1.0.0/16', transitGatewayId: 'tgw-0123456789abcdef0', addRoutes: false },
      ],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Route', 0);
    expect(endpointIngress(template)).toHaveLength(2);
  });
});
