// The CloudFormation loader and live mode normalize through one module: the same account, read from its template
// and from (the answers of) its Describe calls, gives the same model and the same findings.
import { describe, expect, it } from 'vitest';
import { checkTopology, describeResultsToTopology, loadTemplateText, type Topology } from '../../src/index.js';
import type { DescribeResults } from '../../src/loaders/live/describe-results.js';
import { minimalTemplate, type Template } from '../fixtures/minimal-template.js';

const ACCOUNT = '111122223333';
const perm = (protocol: string, from: number | undefined, to: number | undefined, cidr: string) => ({
  IpProtocol: protocol,
  ...(from === undefined ? {} : { FromPort: from, ToPort: to }),
  IpRanges: [{ CidrIp: cidr }],
});
const local = (cidr: string) => ({ DestinationCidrBlock: cidr, GatewayId: 'local', State: 'active' as const });
const peered = (cidr: string) => ({
  DestinationCidrBlock: cidr,
  VpcPeeringConnectionId: 'Peering',
  State: 'active' as const,
});
const defaultAcl = (vpc: string) => ({
  NetworkAclId: `${vpc}.DefaultNetworkAcl`,
  VpcId: vpc,
  Entries: [false, true].map((Egress) => ({
    CidrBlock: '0.0.0.0/0',
    Egress,
    Protocol: '-1',
    RuleAction: 'allow' as const,
    RuleNumber: 100,
  })),
});
const defaultGroup = (vpc: string) => ({
  GroupId: `${vpc}.DefaultSecurityGroup`,
  GroupName: 'default',
  VpcId: vpc,
  IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: `${vpc}.DefaultSecurityGroup` }] }],
  IpPermissionsEgress: [perm('-1', undefined, undefined, '0.0.0.0/0')],
});

/** The minimal template's account as live mode's calls answer it, with the logical ids as AWS ids. */
function describeResults(withDataPorts: boolean): DescribeResults {
  return {
    region: 'eu-west-1',
    servers: [
      {
        Arn: 'arn:aws:transfer:eu-west-1:111122223333:server/Server',
        ServerId: 'Server',
        Protocols: ['FTP'],
        EndpointType: 'VPC',
        EndpointDetails: { VpcId: 'FtpVpc', SubnetIds: ['FtpSubnet'], SecurityGroupIds: ['ServerSg'] },
        IdentityProviderType: 'AWS_LAMBDA',
        IdentityProviderDetails: { Function: 'arn:aws:lambda:eu-west-1:111122223333:function:Idp' },
        StructuredLogDestinations: ['arn:aws:logs:eu-west-1:111122223333:log-group:Logs'],
      },
    ],
    vpcs: [
      { VpcId: 'FtpVpc', CidrBlock: '10.0.0.0/16' },
      { VpcId: 'ClientVpc', CidrBlock: '10.1.0.0/16' },
    ],
    vpcAttributes: {
      FtpVpc: { enableDnsSupport: true, enableDnsHostnames: true },
      ClientVpc: { enableDnsSupport: true, enableDnsHostnames: true },
    },
    securityGroups: [
      defaultGroup('FtpVpc'),
      defaultGroup('ClientVpc'),
      {
        GroupId: 'ServerSg',
        GroupName: 'ftp',
        VpcId: 'FtpVpc',
        IpPermissions: [
          perm('tcp', 21, 21, '10.1.0.0/16'),
          ...(withDataPorts ? [perm('tcp', 8192, 8200, '10.1.0.0/16')] : []),
          perm('1', -1, -1, '10.1.0.0/16'), // ICMP, any type: what EC2 answers for the template's IpProtocol 1
        ],
        IpPermissionsEgress: [perm('-1', undefined, undefined, '0.0.0.0/0')],
      },
      {
        GroupId: 'ClientSg',
        GroupName: 'client',
        VpcId: 'ClientVpc',
        IpPermissionsEgress: [perm('-1', undefined, undefined, '0.0.0.0/0')],
      },
      {
        GroupId: 'StsSg',
        GroupName: 'sts',
        VpcId: 'FtpVpc',
        IpPermissions: [perm('tcp', 443, 443, '10.0.0.0/16')],
        IpPermissionsEgress: [perm('-1', undefined, undefined, '0.0.0.0/0')],
      },
    ],
    subnets: [
      { SubnetId: 'FtpSubnet', VpcId: 'FtpVpc', CidrBlock: '10.0.1.0/24' },
      { SubnetId: 'ClientSubnet', VpcId: 'ClientVpc', CidrBlock: '10.1.1.0/24' },
    ],
    routeTables: [
      {
        RouteTableId: 'FtpVpc.MainRouteTable',
        VpcId: 'FtpVpc',
        Associations: [{ Main: true }],
        Routes: [local('10.0.0.0/16')],
      },
      {
        RouteTableId: 'ClientVpc.MainRouteTable',
        VpcId: 'ClientVpc',
        Associations: [{ Main: true }],
        Routes: [local('10.1.0.0/16')],
      },
      {
        RouteTableId: 'FtpRoutes',
        VpcId: 'FtpVpc',
        Associations: [{ SubnetId: 'FtpSubnet' }],
        Routes: [local('10.0.0.0/16'), peered('10.1.0.0/16')],
      },
      {
        RouteTableId: 'ClientRoutes',
        VpcId: 'ClientVpc',
        Associations: [{ SubnetId: 'ClientSubnet' }],
        Routes: [local('10.1.0.0/16'), peered('10.0.0.0/16')],
      },
    ],
    networkAcls: [defaultAcl('FtpVpc'), defaultAcl('ClientVpc')],
    peeringConnections: [
      {
        VpcPeeringConnectionId: 'Peering',
        Status: { Code: 'active' },
        RequesterVpcInfo: { VpcId: 'ClientVpc', OwnerId: ACCOUNT, Region: 'eu-west-1' },
        AccepterVpcInfo: { VpcId: 'FtpVpc', OwnerId: ACCOUNT, Region: 'eu-west-1' },
      },
    ],
    vpcEndpoints: [
      {
        VpcEndpointId: 'Sts',
        VpcEndpointType: 'Interface',
        VpcId: 'FtpVpc',
        ServiceName: 'com.amazonaws.eu-west-1.sts',
        SubnetIds: ['FtpSubnet'],
        Groups: [{ GroupId: 'StsSg' }],
        PrivateDnsEnabled: true,
      },
    ],
    instances: [{ InstanceId: 'Client', SubnetId: 'ClientSubnet', SecurityGroups: [{ GroupId: 'ClientSg' }] }],
    functions: [
      {
        arn: 'arn:aws:lambda:eu-west-1:111122223333:function:Idp',
        name: 'Idp',
        timeoutSeconds: 10,
        policy: JSON.stringify({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'transfer.amazonaws.com' },
              Action: 'lambda:InvokeFunction',
              Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:transfer:eu-west-1:111122223333:server/Server' } },
            },
          ],
        }),
      },
    ],
  };
}

function fromTemplate(withDataPorts: boolean): Topology {
  const template: Template = minimalTemplate();
  const sg = template.Resources.ServerSg!.Properties as { SecurityGroupIngress: unknown[] };
  if (!withDataPorts) sg.SecurityGroupIngress.splice(1, 1);
  sg.SecurityGroupIngress.push({ IpProtocol: 1, FromPort: -1, ToPort: -1, CidrIp: '10.1.0.0/16' });
  return loadTemplateText(JSON.stringify(template), 't.json', { region: 'eu-west-1', account: ACCOUNT });
}

/** The model without where each resource came from (which necessarily differs). */
const network = (t: Topology) => {
  const strip = <T extends { location?: unknown }>(items: T[]) =>
    items.map(({ location: _location, ...rest }) => rest).sort((a, b) => String(a).localeCompare(String(b)));
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
  return {
    vpcs: strip(byId(t.vpcs)),
    subnets: strip(byId(t.subnets)),
    routeTables: strip(byId(t.routeTables)),
    securityGroups: strip(byId(t.securityGroups)),
    networkAcls: strip(byId(t.networkAcls)),
    peeringConnections: strip(byId(t.peeringConnections)),
    vpcEndpoints: strip(byId(t.vpcEndpoints)),
  };
};

describe('loader agreement', () => {
  it('the template and the live answers give the same network model (ICMP, ports, default group ids, routes)', () => {
    const live = describeResultsToTopology(describeResults(true));
    const template = fromTemplate(true);
    expect(network(live)).toEqual(network(template));
    const icmp = live.securityGroups.find((g) => g.id === 'ServerSg')!.ingress.at(-1);
    expect(icmp).toEqual({ protocol: 'icmp', fromPort: 0, toPort: 65535, peer: { cidr: '10.1.0.0/16' } });
  });

  it('and the same findings, working and broken', () => {
    for (const withDataPorts of [true, false]) {
      const ids = (t: Topology) => checkTopology(t).map((f) => `${f.id} ${f.resource}`);
      expect(ids(describeResultsToTopology(describeResults(withDataPorts)))).toEqual(ids(fromTemplate(withDataPorts)));
    }
    expect(checkTopology(fromTemplate(false)).map((f) => f.id)).toEqual(['CFTP-NET-006']);
  });

  it('describeResultsToTopology is pure: the same answers, the same topology', () => {
    const answers = describeResults(true);
    expect(describeResultsToTopology(answers)).toEqual(describeResultsToTopology(structuredClone(answers)));
  });
});
