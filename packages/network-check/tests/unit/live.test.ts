// Live mode against aws-sdk-client-mock: realistic Describe* outputs (shapes from the EC2, Transfer and Lambda API
// references), split over several pages, plus throttling and permission errors.
import {
  DescribeCustomerGatewaysCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  EC2Client,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import { GetFunctionConfigurationCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeServerCommand, ListServersCommand, TransferClient } from '@aws-sdk/client-transfer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTopology, LIVE_IAM_ACTIONS, LiveAccountError, loadLiveAccount } from '../../src/index.js';

const SERVER_ID = 's-0123456789abcdef0';
const SERVER_ARN = `arn:aws:transfer:eu-west-1:111122223333:server/${SERVER_ID}`;
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:ftp-idp';

const ec2 = mockClient(EC2Client);
const transfer = mockClient(TransferClient);
const lambda = mockClient(LambdaClient);
const clients = () => ({
  ec2: new EC2Client({ region: 'eu-west-1' }),
  transfer: new TransferClient({ region: 'eu-west-1' }),
  lambda: new LambdaClient({ region: 'eu-west-1' }),
});

/** Serves `items` two per page, following NextToken like the real API. */
function pages<T>(key: string, items: T[]) {
  return (input: { NextToken?: string }) => {
    const start = Number(input.NextToken ?? 0);
    const next = start + 2 < items.length ? String(start + 2) : undefined;
    return { [key]: items.slice(start, start + 2), ...(next ? { NextToken: next } : {}) };
  };
}

const tcp = (port: number, to: number, cidr: string) => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: to,
  IpRanges: [{ CidrIp: cidr }],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: [],
});
const allOut = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: [],
};
const selfIn = (group: string) => ({
  IpProtocol: '-1',
  IpRanges: [],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: [{ GroupId: group, UserId: '111122223333' }],
});

function account(options: { endpointGroups: string[]; sts: boolean; sourceArn?: string }) {
  ec2.on(DescribeVpcsCommand).callsFake(
    pages('Vpcs', [
      {
        VpcId: 'vpc-0f7e1',
        CidrBlock: '10.0.0.0/16',
        State: 'available',
        IsDefault: false,
        CidrBlockAssociationSet: [
          { AssociationId: 'vpc-cidr-assoc-1', CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
        ],
      },
      {
        VpcId: 'vpc-0c1e2',
        CidrBlock: '10.1.0.0/16',
        State: 'available',
        IsDefault: false,
        CidrBlockAssociationSet: [
          { AssociationId: 'vpc-cidr-assoc-2', CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } },
        ],
      },
      { VpcId: 'vpc-0other', CidrBlock: '172.31.0.0/16', State: 'available', IsDefault: true },
    ]),
  );
  ec2
    .on(DescribeVpcAttributeCommand)
    .callsFake((input: { VpcId: string; Attribute: string }) =>
      input.Attribute === 'enableDnsSupport'
        ? { VpcId: input.VpcId, EnableDnsSupport: { Value: true } }
        : { VpcId: input.VpcId, EnableDnsHostnames: { Value: true } },
    );
  ec2.on(DescribeSecurityGroupsCommand).callsFake(
    pages('SecurityGroups', [
      {
        GroupId: 'sg-0default1',
        GroupName: 'default',
        VpcId: 'vpc-0f7e1',
        IpPermissions: [selfIn('sg-0default1')],
        IpPermissionsEgress: [allOut],
      },
      {
        GroupId: 'sg-0ftp',
        GroupName: 'ftp-endpoint',
        VpcId: 'vpc-0f7e1',
        IpPermissions: [tcp(21, 21, '10.1.0.0/16'), tcp(8192, 8200, '10.1.0.0/16')],
        IpPermissionsEgress: [allOut],
      },
      {
        GroupId: 'sg-0sts',
        GroupName: 'sts-endpoint',
        VpcId: 'vpc-0f7e1',
        IpPermissions: [tcp(443, 443, '10.0.0.0/16')],
        IpPermissionsEgress: [allOut],
      },
      {
        GroupId: 'sg-0default2',
        GroupName: 'default',
        VpcId: 'vpc-0c1e2',
        IpPermissions: [selfIn('sg-0default2')],
        IpPermissionsEgress: [allOut],
      },
    ]),
  );
  ec2.on(DescribeSubnetsCommand).callsFake(
    pages('Subnets', [
      { SubnetId: 'subnet-0f1', VpcId: 'vpc-0f7e1', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' },
      { SubnetId: 'subnet-0f2', VpcId: 'vpc-0f7e1', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1b' },
      { SubnetId: 'subnet-0c1', VpcId: 'vpc-0c1e2', CidrBlock: '10.1.1.0/24', AvailabilityZone: 'eu-west-1a' },
    ]),
  );
  const local = (cidr: string) => ({
    DestinationCidrBlock: cidr,
    GatewayId: 'local',
    Origin: 'CreateRouteTable',
    State: 'active',
  });
  const viaPeering = (cidr: string) => ({
    DestinationCidrBlock: cidr,
    VpcPeeringConnectionId: 'pcx-0a1b',
    Origin: 'CreateRoute',
    State: 'active',
  });
  ec2.on(DescribeRouteTablesCommand).callsFake(
    pages('RouteTables', [
      {
        RouteTableId: 'rtb-0main1',
        VpcId: 'vpc-0f7e1',
        Associations: [{ Main: true, RouteTableAssociationId: 'rtbassoc-m1', RouteTableId: 'rtb-0main1' }],
        Routes: [local('10.0.0.0/16')],
      },
      {
        RouteTableId: 'rtb-0ftp',
        VpcId: 'vpc-0f7e1',
        Associations: [
          { Main: false, SubnetId: 'subnet-0f1', RouteTableId: 'rtb-0ftp' },
          { Main: false, SubnetId: 'subnet-0f2', RouteTableId: 'rtb-0ftp' },
        ],
        Routes: [local('10.0.0.0/16'), viaPeering('10.1.0.0/16')],
      },
      {
        RouteTableId: 'rtb-0client',
        VpcId: 'vpc-0c1e2',
        Associations: [{ Main: true, RouteTableId: 'rtb-0client' }],
        Routes: [local('10.1.0.0/16'), viaPeering('10.0.0.0/16')],
      },
    ]),
  );
  const defaultAcl = (id: string, vpc: string, subnets: string[]) => ({
    NetworkAclId: id,
    VpcId: vpc,
    IsDefault: true,
    Associations: subnets.map((s) => ({ NetworkAclId: id, SubnetId: s })),
    Entries: [false, true].flatMap((Egress) => [
      { CidrBlock: '0.0.0.0/0', Egress, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
      { CidrBlock: '0.0.0.0/0', Egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
    ]),
  });
  ec2
    .on(DescribeNetworkAclsCommand)
    .callsFake(
      pages('NetworkAcls', [
        defaultAcl('acl-0f', 'vpc-0f7e1', ['subnet-0f1', 'subnet-0f2']),
        defaultAcl('acl-0c', 'vpc-0c1e2', ['subnet-0c1']),
      ]),
    );
  ec2.on(DescribeVpcPeeringConnectionsCommand).callsFake(
    pages('VpcPeeringConnections', [
      {
        VpcPeeringConnectionId: 'pcx-0a1b',
        Status: { Code: 'active', Message: 'Active' },
        RequesterVpcInfo: {
          VpcId: 'vpc-0c1e2',
          CidrBlock: '10.1.0.0/16',
          OwnerId: '111122223333',
          Region: 'eu-west-1',
        },
        AccepterVpcInfo: { VpcId: 'vpc-0f7e1', CidrBlock: '10.0.0.0/16', OwnerId: '111122223333', Region: 'eu-west-1' },
      },
    ]),
  );
  const endpoints: object[] = [
    {
      VpcEndpointId: 'vpce-0server',
      VpcEndpointType: 'Interface',
      VpcId: 'vpc-0f7e1',
      ServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0transfer',
      State: 'available',
      SubnetIds: ['subnet-0f1', 'subnet-0f2'],
      Groups: options.endpointGroups.map((GroupId) => ({ GroupId, GroupName: GroupId })),
      PrivateDnsEnabled: false,
      RequesterManaged: true,
    },
  ];
  if (options.sts) {
    endpoints.push({
      VpcEndpointId: 'vpce-0sts',
      VpcEndpointType: 'Interface',
      VpcId: 'vpc-0f7e1',
      ServiceName: 'com.amazonaws.eu-west-1.sts',
      State: 'available',
      SubnetIds: ['subnet-0f1', 'subnet-0f2'],
      Groups: [{ GroupId: 'sg-0sts', GroupName: 'sts-endpoint' }],
      PrivateDnsEnabled: true,
      PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
    });
  }
  ec2.on(DescribeVpcEndpointsCommand).callsFake(pages('VpcEndpoints', endpoints));
  // The article's account has no transit gateway and no VPN.
  ec2.on(DescribeTransitGatewaysCommand).resolves({ TransitGateways: [] });
  ec2.on(DescribeVpnGatewaysCommand).resolves({ VpnGateways: [] });
  ec2.on(DescribeVpnConnectionsCommand).resolves({ VpnConnections: [] });
  ec2.on(DescribeCustomerGatewaysCommand).resolves({ CustomerGateways: [] });
  transfer.on(ListServersCommand).callsFake(
    pages('Servers', [
      {
        Arn: SERVER_ARN,
        ServerId: SERVER_ID,
        EndpointType: 'VPC',
        IdentityProviderType: 'AWS_LAMBDA',
        State: 'ONLINE',
      },
    ]),
  );
  transfer.on(DescribeServerCommand, { ServerId: SERVER_ID }).resolves({
    Server: {
      Arn: SERVER_ARN,
      ServerId: SERVER_ID,
      Protocols: ['FTP'],
      EndpointType: 'VPC',
      EndpointDetails: {
        VpcId: 'vpc-0f7e1',
        SubnetIds: ['subnet-0f1', 'subnet-0f2'],
        VpcEndpointId: 'vpce-0server',
        SecurityGroupIds: options.endpointGroups,
      },
      IdentityProviderType: 'AWS_LAMBDA',
      IdentityProviderDetails: { Function: FUNCTION_ARN },
      ProtocolDetails: { PassiveIp: 'AUTO', TlsSessionResumptionMode: 'ENFORCED' },
      StructuredLogDestinations: ['arn:aws:logs:eu-west-1:111122223333:log-group:/aws/transfer/ftp'],
      State: 'ONLINE',
    },
  });
  lambda.on(GetFunctionConfigurationCommand).resolves({
    FunctionName: 'ftp-idp',
    FunctionArn: FUNCTION_ARN,
    Runtime: 'nodejs22.x',
    Timeout: 15,
  });
  lambda.on(GetPolicyCommand).resolves({
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: 'transfer',
          Effect: 'Allow',
          Principal: { Service: 'transfer.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: FUNCTION_ARN,
          Condition: { ArnLike: { 'AWS:SourceArn': options.sourceArn ?? SERVER_ARN } },
        },
      ],
    }),
  });
}

beforeEach(() => {
  ec2.reset();
  transfer.reset();
  lambda.reset();
});
afterEach(() => {
  ec2.reset();
});

describe('live mode', () => {
  it("reads the broken article topology over several pages and predicts the article's failure", async () => {
    account({ endpointGroups: ['sg-0default1'], sts: false });
    const steps: string[] = [];
    const topology = await loadLiveAccount({
      clients: clients(),
      region: 'eu-west-1',
      onProgress: (s) => steps.push(s),
    });
    expect(topology.vpcs.map((v) => v.id)).toEqual(['vpc-0f7e1', 'vpc-0c1e2', 'vpc-0other']);
    const clientSubnet = topology.subnets.find((s) => s.id === 'subnet-0c1')!;
    expect([clientSubnet.routeTableId, clientSubnet.networkAclId]).toEqual([undefined, 'acl-0c']); // main table
    const vpcCalls = ec2.commandCalls(DescribeVpcsCommand);
    expect(vpcCalls).toHaveLength(2);
    expect(vpcCalls[1]!.args[0].input.NextToken).toBe('2');
    // DNS attributes are read only for the server VPC and its peers.
    expect(ec2.commandCalls(DescribeVpcAttributeCommand).map((c) => c.args[0].input.VpcId)).not.toContain('vpc-0other');
    expect(steps).toContain('transfer:DescribeServer s-0123456789abcdef0');
    const findings = checkTopology(topology);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-005', 'CFTP-NET-006', 'CFTP-NET-007', 'CFTP-NET-017']);
    expect(findings[0]!.message).toContain('subnet-0c1');
  });

  it('the fixed account is clean: dedicated security group, STS endpoint, scoped permission', async () => {
    account({ endpointGroups: ['sg-0ftp'], sts: true });
    const topology = await loadLiveAccount({ clients: clients(), region: 'eu-west-1' });
    expect(checkTopology(topology)).toEqual([]);
    expect(topology.lambdaFunctions[0]?.permissions).toEqual([
      { principal: 'transfer.amazonaws.com', action: 'lambda:InvokeFunction', sourceArn: SERVER_ARN },
    ]);
  });

  it('flags an IdP permission scoped to every server in the account', async () => {
    account({ endpointGroups: ['sg-0ftp'], sts: true, sourceArn: 'arn:aws:transfer:eu-west-1:111122223333:server/*' });
    const findings = checkTopology(await loadLiveAccount({ clients: clients(), region: 'eu-west-1' }));
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['warning CFTP-NET-021']);
  });

  it('a function without any resource policy is a finding, not a failure to read', async () => {
    account({ endpointGroups: ['sg-0ftp'], sts: true });
    lambda
      .on(GetPolicyCommand)
      .rejects(
        Object.assign(new Error('The resource you requested does not exist.'), { name: 'ResourceNotFoundException' }),
      );
    const findings = checkTopology(await loadLiveAccount({ clients: clients(), region: 'eu-west-1' }));
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['error CFTP-NET-021']);
  });

  it('reads only the servers asked for, and instances named as clients', async () => {
    account({ endpointGroups: ['sg-0ftp'], sts: true });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0client',
              SubnetId: 'subnet-0c1',
              SecurityGroups: [{ GroupId: 'sg-0default2' }],
              State: { Name: 'running' },
            },
          ],
        },
      ],
    });
    const topology = await loadLiveAccount({
      clients: clients(),
      region: 'eu-west-1',
      serverIds: [SERVER_ID],
      clientInstanceIds: ['i-0client'],
    });
    expect(transfer.commandCalls(ListServersCommand)).toHaveLength(0);
    expect(topology.instances).toEqual([
      { id: 'i-0client', subnetId: 'subnet-0c1', securityGroupIds: ['sg-0default2'] },
    ]);
    expect(checkTopology(topology)).toEqual([]);
  });

  it('throttling that outlasts the retries becomes a LiveAccountError naming the call and what to do', async () => {
    account({ endpointGroups: ['sg-0ftp'], sts: true });
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejects(Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' }));
    const error = await loadLiveAccount({ clients: clients(), region: 'eu-west-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveAccountError);
    expect((error as Error).message).toBe(
      'ec2:DescribeSecurityGroups failed (RequestLimitExceeded): the API is throttling after 8 attempts; retry later or narrow the run with --server.',
    );
  });

  it('a missing permission names the IAM action to grant', async () => {
    account({ endpointGroups: ['sg-0ftp'], sts: true });
    ec2.on(DescribeNetworkAclsCommand).rejects(
      Object.assign(new Error('You are not authorized to perform this operation.'), {
        name: 'UnauthorizedOperation',
      }),
    );
    await expect(loadLiveAccount({ clients: clients(), region: 'eu-west-1' })).rejects.toThrow(
      /ec2:DescribeNetworkAcls failed \(UnauthorizedOperation\): the credentials lack ec2:DescribeNetworkAcls/,
    );
  });

  it('documents exactly the actions it calls', () => {
    const called = [
      DescribeVpcsCommand,
      DescribeVpcAttributeCommand,
      DescribeSubnetsCommand,
      DescribeRouteTablesCommand,
      DescribeSecurityGroupsCommand,
      DescribeNetworkAclsCommand,
      DescribeVpcPeeringConnectionsCommand,
      DescribeVpcEndpointsCommand,
      DescribeInstancesCommand,
      DescribeTransitGatewaysCommand,
      DescribeTransitGatewayAttachmentsCommand,
      DescribeTransitGatewayVpcAttachmentsCommand,
      DescribeTransitGatewayPeeringAttachmentsCommand,
      DescribeTransitGatewayRouteTablesCommand,
      GetTransitGatewayRouteTableAssociationsCommand,
      GetTransitGatewayRouteTablePropagationsCommand,
      SearchTransitGatewayRoutesCommand,
      DescribeVpnGatewaysCommand,
      DescribeVpnConnectionsCommand,
      DescribeCustomerGatewaysCommand,
    ].map((c) => `ec2:${c.name.replace(/Command$/, '')}`);
    const others = [
      'transfer:ListServers',
      'transfer:DescribeServer',
      'lambda:GetFunctionConfiguration',
      'lambda:GetPolicy',
    ];
    expect([...LIVE_IAM_ACTIONS].sort()).toEqual([...called, ...others].sort());
  });
});
