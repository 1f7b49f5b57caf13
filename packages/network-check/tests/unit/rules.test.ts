import { describe, expect, it } from 'vitest';
import {
  checkTopology,
  DOCS_BASE_URL,
  loadTemplateText,
  type NetworkFinding,
  RULES,
  type RuleId,
  type Topology,
} from '../../src/index.js';
import {
  hubAndSpokeTemplate,
  ON_PREMISES_CLIENTS,
  onPremisesTransitTemplate,
} from '../fixtures/hub-and-spoke-template.js';
import { minimalTemplate, type Template } from '../fixtures/minimal-template.js';

function load(template: Template): Topology {
  return loadTemplateText(JSON.stringify(template), 'test.template.json');
}

function findings(template: Template, clientCidrs: string[] = []): NetworkFinding[] {
  return checkTopology(load(template), { clientCidrs });
}

/** The finding's resource and its evidence's keys and values (at any depth) that `text` names. */
function evidenceNamedIn(text: string, finding: NetworkFinding): string[] {
  const words = new Set<string>([finding.resource]);
  const walk = (value: unknown) => {
    if (typeof value === 'string') words.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        words.add(key);
        walk(child);
      }
    }
  };
  walk(finding.evidence);
  return [...words].filter((word) => word.length >= 3 && text.toLowerCase().includes(word.toLowerCase()));
}

const ids = (list: NetworkFinding[]) => [...new Set(list.map((f) => f.id))];
// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixture properties of any shape.
const props = (t: Template, id: string) => t.Resources[id]!.Properties as Record<string, any>;
const tcp = (from: number, to: number, cidr: string) => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  CidrIp: cidr,
});

interface Case {
  rule: RuleId;
  name: string;
  mutate(t: Template): void;
  /** Further rules the same change is expected to trigger. */
  also?: RuleId[];
}

/** A minimal working template of one family of topologies, and the client networks it is checked with. */
interface Family {
  name: string;
  template(): Template;
  clientCidrs: string[];
  cases: Case[];
}

const tgwRoute = (table: unknown, cidr: string, extra: Record<string, unknown>) => ({
  Type: 'AWS::EC2::TransitGatewayRoute',
  Properties: { TransitGatewayRouteTableId: table, DestinationCidrBlock: cidr, ...extra },
});

/** Spoke VPCs behind a transit gateway (tests/fixtures/hub-and-spoke-template.ts). */
const hubAndSpokeCases: Case[] = [
  {
    rule: 'CFTP-NET-031',
    name: 'a blackhole route for the client VPC in the TGW route table',
    mutate: (t) => {
      t.Resources.DropClients = tgwRoute({ Ref: 'TgwRoutes' }, '10.1.0.0/16', { Blackhole: true });
    },
  },
  {
    rule: 'CFTP-NET-031',
    name: 'a blackhole route for part of the endpoint subnet (longest prefix)',
    mutate: (t) => {
      t.Resources.DropHalf = tgwRoute({ Ref: 'TgwRoutes' }, '10.0.1.128/25', { Blackhole: true });
    },
  },
  {
    rule: 'CFTP-NET-032',
    name: 'the FTP-VPC attachment does not propagate into the TGW route table',
    mutate: (t) => {
      delete t.Resources.FtpPropagation;
    },
  },
  {
    rule: 'CFTP-NET-032',
    name: 'a static route sends the client VPC to the FTP-VPC attachment',
    mutate: (t) => {
      t.Resources.Wrong = tgwRoute({ Ref: 'TgwRoutes' }, '10.1.1.0/24', {
        TransitGatewayAttachmentId: { Ref: 'FtpAttachment' },
      });
    },
  },
  {
    rule: 'CFTP-NET-033',
    name: 'the FTP-VPC attachment is associated with no route table (default association disabled)',
    mutate: (t) => {
      delete t.Resources.FtpAssociation;
    },
  },
  {
    rule: 'CFTP-NET-034',
    name: 'the FTP-VPC attachment has no subnet in the endpoint zone',
    mutate: (t) => {
      props(t, 'FtpTgwSubnet').AvailabilityZone = 'eu-west-1b';
    },
  },
  {
    rule: 'CFTP-NET-034',
    name: 'the client VPC is not attached to the transit gateway it routes to',
    mutate: (t) => {
      for (const id of ['ClientAttachment', 'ClientAssociation', 'ClientPropagation']) delete t.Resources[id];
    },
    also: ['CFTP-NET-032'], // and nothing propagates the client VPC's routes back
  },
  {
    rule: 'CFTP-NET-035',
    name: 'client VPC overlapping the FTP-VPC behind the TGW',
    mutate: (t) => {
      props(t, 'ClientVpc').CidrBlock = '10.0.0.0/8';
    },
  },
  {
    rule: 'CFTP-NET-012',
    name: 'the endpoint subnet has no route to the TGW for the client VPC',
    mutate: (t) => {
      delete t.Resources.FtpToClient;
    },
  },
];

/** On-premises clients behind a BGP VPN attached to a TGW with its default route table. */
const onPremisesTransitCases: Case[] = [
  {
    rule: 'CFTP-NET-031',
    name: 'a blackhole route for the on-premises clients in the default route table',
    mutate: (t) => {
      t.Resources.Drop = tgwRoute('Tgw.DefaultRouteTable', ON_PREMISES_CLIENTS, { Blackhole: true });
    },
  },
  {
    rule: 'CFTP-NET-032',
    name: 'the VPN runs static routing and no static route covers the clients',
    mutate: (t) => {
      props(t, 'Vpn').StaticRoutesOnly = true;
    },
  },
  {
    rule: 'CFTP-NET-033',
    name: 'default route table association disabled and no association',
    mutate: (t) => {
      props(t, 'Tgw').DefaultRouteTableAssociation = 'disable';
    },
  },
  {
    rule: 'CFTP-NET-005',
    name: 'the endpoint SG does not admit TCP 21 from the on-premises network',
    mutate: (t) => {
      props(t, 'ServerSg').SecurityGroupIngress.shift();
    },
  },
  {
    rule: 'CFTP-NET-014',
    name: 'the endpoint NACL admits the VPC only, not the on-premises network',
    mutate: (t) => {
      t.Resources.FtpAcl = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'FtpVpc' } } };
      t.Resources.FtpAclAssoc = {
        Type: 'AWS::EC2::SubnetNetworkAclAssociation',
        Properties: { SubnetId: { Ref: 'FtpSubnet' }, NetworkAclId: { Ref: 'FtpAcl' } },
      };
      t.Resources.FtpAclIn = aclEntry('FtpAcl', 100, false, 'allow', '10.0.0.0/8');
      t.Resources.FtpAclOut = aclEntry('FtpAcl', 100, true, 'allow', '0.0.0.0/0');
    },
  },
];

const cases: Case[] = [
  {
    rule: 'CFTP-NET-001',
    name: 'PUBLIC endpoint',
    mutate: (t) => {
      props(t, 'Server').EndpointType = 'PUBLIC';
    },
  },
  {
    rule: 'CFTP-NET-002',
    name: 'Elastic IPs with FTP',
    mutate: (t) => {
      props(t, 'Server').EndpointDetails.AddressAllocationIds = ['eipalloc-0123'];
    },
  },
  {
    rule: 'CFTP-NET-003',
    name: 'service-managed users',
    mutate: (t) => {
      props(t, 'Server').IdentityProviderType = 'SERVICE_MANAGED';
    },
  },
  {
    rule: 'CFTP-NET-004',
    name: 'FTPS without certificate',
    mutate: (t) => {
      props(t, 'Server').Protocols = ['FTPS'];
    },
    also: ['CFTP-NET-026'],
  },
  {
    rule: 'CFTP-NET-005',
    name: 'port 21 missing',
    mutate: (t) => {
      props(t, 'ServerSg').SecurityGroupIngress = [tcp(8192, 8200, '10.1.0.0/16')];
    },
  },
  {
    rule: 'CFTP-NET-006',
    name: 'port 8200 missing',
    mutate: (t) => {
      props(t, 'ServerSg').SecurityGroupIngress = [tcp(21, 21, '10.1.0.0/16'), tcp(8192, 8199, '10.1.0.0/16')];
    },
  },
  {
    rule: 'CFTP-NET-007',
    name: 'no security group on the endpoint',
    mutate: (t) => {
      delete props(t, 'Server').EndpointDetails.SecurityGroupIds;
    },
    also: ['CFTP-NET-005', 'CFTP-NET-006'],
  },
  {
    rule: 'CFTP-NET-008',
    name: 'client egress HTTPS only',
    mutate: (t) => {
      props(t, 'ClientSg').SecurityGroupEgress = [tcp(443, 443, '0.0.0.0/0')];
    },
  },
  {
    rule: 'CFTP-NET-009',
    name: 'peering waiting for the other account',
    mutate: (t) => {
      props(t, 'Peering').PeerOwnerId = '999999999999';
    },
  },
  {
    rule: 'CFTP-NET-009',
    name: 'no peering at all',
    mutate: (t) => {
      for (const id of ['Peering', 'ClientToFtp', 'FtpToClient']) delete t.Resources[id];
    },
    also: ['CFTP-NET-011', 'CFTP-NET-012'],
  },
  {
    rule: 'CFTP-NET-010',
    name: 'overlapping CIDRs',
    mutate: (t) => {
      props(t, 'ClientVpc').CidrBlock = '10.0.0.0/8';
    },
  },
  {
    rule: 'CFTP-NET-011',
    name: 'client has no route',
    mutate: (t) => {
      delete t.Resources.ClientToFtp;
    },
  },
  {
    rule: 'CFTP-NET-012',
    name: 'no route back',
    mutate: (t) => {
      delete t.Resources.FtpToClient;
    },
  },
  {
    rule: 'CFTP-NET-012',
    name: 'route back through an internet gateway',
    mutate: (t) => {
      t.Resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
      const route = props(t, 'FtpToClient');
      delete route.VpcPeeringConnectionId;
      route.GatewayId = { Ref: 'Igw' };
    },
  },
  {
    rule: 'CFTP-NET-011',
    name: 'subnet without association uses the main table',
    mutate: (t) => {
      delete t.Resources.ClientRoutesAssoc;
    },
  },
  {
    rule: 'CFTP-NET-014',
    name: 'endpoint NACL admits 21 only',
    mutate: (t) => {
      t.Resources.FtpAcl = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'FtpVpc' } } };
      t.Resources.FtpAclAssoc = {
        Type: 'AWS::EC2::SubnetNetworkAclAssociation',
        Properties: { SubnetId: { Ref: 'FtpSubnet' }, NetworkAclId: { Ref: 'FtpAcl' } },
      };
      t.Resources.FtpAclIn = aclEntry('FtpAcl', 100, false, 'allow', '10.1.0.0/16', 21, 21);
      t.Resources.FtpAclOut = aclEntry('FtpAcl', 100, true, 'allow', '0.0.0.0/0');
    },
  },
  {
    rule: 'CFTP-NET-015',
    name: 'client NACL denies return traffic before allowing it',
    mutate: (t) => {
      t.Resources.ClientAcl = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'ClientVpc' } } };
      t.Resources.ClientAclAssoc = {
        Type: 'AWS::EC2::SubnetNetworkAclAssociation',
        Properties: { SubnetId: { Ref: 'ClientSubnet' }, NetworkAclId: { Ref: 'ClientAcl' } },
      };
      t.Resources.ClientAclDeny = aclEntry('ClientAcl', 90, false, 'deny', '10.0.0.0/16', 1024, 65535);
      t.Resources.ClientAclIn = aclEntry('ClientAcl', 100, false, 'allow', '0.0.0.0/0');
      t.Resources.ClientAclOut = aclEntry('ClientAcl', 100, true, 'allow', '0.0.0.0/0');
    },
  },
  {
    rule: 'CFTP-NET-016',
    name: 'PassiveIp nobody routes to',
    mutate: (t) => {
      props(t, 'Server').ProtocolDetails = { PassiveIp: '192.168.5.5' };
    },
  },
  {
    rule: 'CFTP-NET-016',
    name: 'PassiveIp that is not an address',
    mutate: (t) => {
      props(t, 'Server').ProtocolDetails = { PassiveIp: 'my-nlb' };
    },
  },
  {
    rule: 'CFTP-NET-017',
    name: 'no STS endpoint',
    mutate: (t) => {
      delete t.Resources.Sts;
    },
  },
  {
    rule: 'CFTP-NET-018',
    name: 'STS private DNS off',
    mutate: (t) => {
      props(t, 'Sts').PrivateDnsEnabled = false;
    },
  },
  {
    rule: 'CFTP-NET-018',
    name: 'STS endpoint SG admits another network',
    mutate: (t) => {
      props(t, 'StsSg').SecurityGroupIngress = [tcp(443, 443, '10.9.0.0/16')];
    },
  },
  {
    rule: 'CFTP-NET-019',
    name: 'STS endpoint policy without AssumeRole',
    mutate: (t) => {
      props(t, 'Sts').PolicyDocument = {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:GetCallerIdentity', Resource: '*' }],
      };
    },
  },
  {
    rule: 'CFTP-NET-020',
    name: 'DNS hostnames off in the server VPC',
    mutate: (t) => {
      props(t, 'FtpVpc').EnableDnsHostnames = false;
    },
  },
  {
    rule: 'CFTP-NET-021',
    name: 'no invoke permission',
    mutate: (t) => {
      delete t.Resources.IdpPermission;
    },
  },
  {
    rule: 'CFTP-NET-021',
    name: 'permission for another server',
    mutate: (t) => {
      props(t, 'IdpPermission').SourceArn = 'arn:aws:transfer:eu-west-1:123456789012:server/s-0ther';
    },
  },
  {
    rule: 'CFTP-NET-022',
    name: 'default 3 s timeout',
    mutate: (t) => {
      delete props(t, 'Idp').Timeout;
    },
  },
  {
    rule: 'CFTP-NET-023',
    name: 'IdP in the closed VPC without a Secrets Manager endpoint',
    mutate: (t) => {
      props(t, 'Idp').VpcConfig = { SubnetIds: [{ Ref: 'FtpSubnet' }], SecurityGroupIds: [] };
    },
  },
  {
    rule: 'CFTP-NET-024',
    name: 'Secrets Manager endpoint policy denies GetSecretValue',
    mutate: (t) => {
      t.Resources.Secrets = secretsEndpoint();
      props(t, 'Secrets').PolicyDocument = {
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*', Resource: '*' },
          { Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
        ],
      };
    },
  },
  {
    rule: 'CFTP-NET-025',
    name: 'user role cannot list',
    mutate: (t) => {
      props(t, 'UserRole').Policies[0].PolicyDocument.Statement[0].Action = ['s3:PutObject'];
    },
  },
  {
    rule: 'CFTP-NET-025',
    name: 'secret names a role that does not trust Transfer',
    mutate: (t) => {
      props(t, 'UserRole').AssumeRolePolicyDocument.Statement[0].Principal.Service = 'lambda.amazonaws.com';
    },
  },
  {
    rule: 'CFTP-NET-029',
    name: 'bucket policy denies every principal s3:GetObject',
    mutate: (t) => {
      bucketStatements(t).push({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' });
    },
  },
  {
    rule: 'CFTP-NET-029',
    name: 'bucket policy denies requests that do not come through the S3 VPC endpoint',
    mutate: (t) => {
      bucketStatements(t).push(denyOutsideEndpoint());
    },
  },
  {
    rule: 'CFTP-NET-026',
    name: 'FTPS with enforced resumption',
    mutate: (t) => {
      props(t, 'Server').Protocols = ['FTPS'];
      props(t, 'Server').Certificate = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    },
  },
  {
    rule: 'CFTP-NET-027',
    name: 'no logging',
    mutate: (t) => {
      delete props(t, 'Server').StructuredLogDestinations;
    },
  },
  {
    rule: 'CFTP-NET-028',
    name: 'import from a stack that is not there',
    mutate: (t) => {
      props(t, 'FtpSubnet').CidrBlock = { 'Fn::ImportValue': 'OtherStack-Cidr' };
    },
  },
];

const families: Family[] = [
  { name: 'hub and spoke', template: hubAndSpokeTemplate, clientCidrs: [], cases: hubAndSpokeCases },
  {
    name: 'on-premises behind a TGW',
    template: onPremisesTransitTemplate,
    clientCidrs: [ON_PREMISES_CLIENTS],
    cases: onPremisesTransitCases,
  },
];

function aclEntry(
  acl: string,
  number: number,
  egress: boolean,
  action: string,
  cidr: string,
  from?: number,
  to?: number,
) {
  return {
    Type: 'AWS::EC2::NetworkAclEntry',
    Properties: {
      NetworkAclId: { Ref: acl },
      RuleNumber: number,
      Egress: egress,
      RuleAction: action,
      Protocol: from === undefined ? -1 : 6,
      CidrBlock: cidr,
      ...(from === undefined ? {} : { PortRange: { From: from, To: to } }),
    },
  };
}

function bucketStatements(t: Template): Record<string, unknown>[] {
  return props(t, 'BucketPolicy').PolicyDocument.Statement;
}

function denyOutsideEndpoint(): Record<string, unknown> {
  return {
    Sid: 'OnlyThroughTheEndpoint',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] }],
    Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } },
  };
}

function secretsEndpoint() {
  return {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      VpcId: { Ref: 'FtpVpc' },
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.secretsmanager']] },
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: [{ Ref: 'FtpSubnet' }],
      SecurityGroupIds: [{ Ref: 'StsSg' }],
    } as Record<string, unknown>,
  };
}

describe('rules', () => {
  it('finds nothing in the minimal working setup', () => {
    expect(findings(minimalTemplate())).toEqual([]);
  });

  it('has a firing case for every rule in the catalog', () => {
    // CFTP-NET-013 fires below; CFTP-NET-030 needs a declared client network (tests/unit/vpn.test.ts).
    const covered = new Set([
      ...cases.map((c) => c.rule),
      ...families.flatMap((f) => f.cases.map((c) => c.rule)),
      'CFTP-NET-013',
      'CFTP-NET-030',
    ]);
    expect([...covered].sort()).toEqual(Object.keys(RULES).sort());
  });

  for (const testCase of cases) {
    it(`${testCase.rule} fires on: ${testCase.name}`, () => {
      const template = minimalTemplate();
      testCase.mutate(template);
      const result = findings(template);
      expect(ids(result).sort()).toEqual([testCase.rule, ...(testCase.also ?? [])].sort());
      const finding = result.find((f) => f.id === testCase.rule)!;
      expect(finding.title).toBe(RULES[testCase.rule].title);
      expect(finding.docs).toBe(`${DOCS_BASE_URL}rules/${testCase.rule}`);
      // The fix is about this finding: it names the resource, or a property or value from the rule's own evidence.
      expect(evidenceNamedIn(finding.remediation, finding)).not.toEqual([]);
      expect(finding.location?.logicalId).toBeDefined();
    });
  }

  for (const family of families) {
    it(`finds nothing in the minimal working ${family.name} setup`, () => {
      expect(findings(family.template(), family.clientCidrs)).toEqual([]);
    });
    for (const testCase of family.cases) {
      it(`${family.name}: ${testCase.rule} fires on: ${testCase.name}`, () => {
        const template = family.template();
        testCase.mutate(template);
        const result = findings(template, family.clientCidrs);
        expect(ids(result).sort()).toEqual([testCase.rule, ...(testCase.also ?? [])].sort());
        const finding = result.find((f) => f.id === testCase.rule)!;
        expect(finding.title).toBe(RULES[testCase.rule].title);
        expect(evidenceNamedIn(finding.remediation, finding)).not.toEqual([]);
        expect(finding.location?.logicalId).toBeDefined();
      });
    }
  }

  it('CFTP-NET-013 fires on a blackhole route and not on an active one', () => {
    const topology = load(minimalTemplate());
    const table = topology.routeTables.find((t) => t.id === 'ClientRoutes')!;
    const route = table.routes.find((r) => r.destination === '10.0.0.0/16')!;
    expect(checkTopology(topology).map((f) => f.id)).not.toContain('CFTP-NET-013');
    route.state = 'blackhole';
    const result = checkTopology(topology);
    expect(ids(result)).toEqual(['CFTP-NET-013']);
    expect(result[0]!.evidence.routeTable).toBe('ClientRoutes');
  });

  it('CFTP-NET-012: a narrower route wins for the part of the client network it names (longest prefix)', () => {
    const template = minimalTemplate();
    template.Resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
    template.Resources.HalfAway = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: { Ref: 'FtpRoutes' },
        DestinationCidrBlock: '10.1.1.128/25',
        GatewayId: { Ref: 'Igw' },
      },
    };
    const [finding, ...others] = findings(template);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ id: 'CFTP-NET-012', evidence: { matchedRoute: { destination: '10.1.1.128/25' } } });
    expect(finding!.message).toContain('for 10.1.1.128/25 within it, it goes to the internet-gateway Igw');
    props(template, 'HalfAway').DestinationCidrBlock = '10.1.2.0/24'; // another subnet: no longer on the path
    expect(findings(template)).toEqual([]);
  });

  it('NACLs are not checked for a client in the endpoint subnet itself: its traffic never crosses them', () => {
    const topology = load(minimalTemplate());
    topology.instances[0]!.subnetId = 'FtpSubnet';
    const serverSg = topology.securityGroups.find((g) => g.id === 'ServerSg')!;
    serverSg.ingress.push({ protocol: 'tcp', fromPort: 0, toPort: 65535, peer: { cidr: '10.0.1.0/24' } });
    topology.networkAcls.find((a) => a.id === 'FtpVpc.DefaultNetworkAcl')!.entries = []; // drops everything
    expect(checkTopology(topology)).toEqual([]);
    topology.instances[0]!.subnetId = 'ClientSubnet';
    expect(ids(checkTopology(topology))).toContain('CFTP-NET-014');
  });

  it('CFTP-NET-021 is a warning when the permission works but is not scoped to the server', () => {
    const template = minimalTemplate();
    delete props(template, 'IdpPermission').SourceArn;
    const [finding] = findings(template);
    expect(finding).toMatchObject({ id: 'CFTP-NET-021', severity: 'warning' });
  });

  it('CFTP-NET-023 stays quiet when the VPC-attached IdP has a usable Secrets Manager endpoint', () => {
    const template = minimalTemplate();
    props(template, 'Idp').VpcConfig = { SubnetIds: [{ Ref: 'FtpSubnet' }], SecurityGroupIds: [] };
    template.Resources.Secrets = secretsEndpoint();
    expect(findings(template)).toEqual([]);
  });

  it('CFTP-NET-029 is an error for a plain Deny and a warning when it rests on the VPC-endpoint path', () => {
    const plain = minimalTemplate();
    bucketStatements(plain).push({
      Effect: 'Deny',
      Principal: { AWS: { 'Fn::GetAtt': ['UserRole', 'Arn'] } },
      Action: 's3:List*',
      Resource: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
    });
    expect(findings(plain)).toMatchObject([
      { id: 'CFTP-NET-029', severity: 'error', resource: 'Bucket', evidence: { deniedActions: ['s3:ListBucket'] } },
    ]);
    const endpoint = minimalTemplate();
    bucketStatements(endpoint).push(denyOutsideEndpoint());
    expect(findings(endpoint)).toMatchObject([
      {
        id: 'CFTP-NET-029',
        severity: 'warning',
        evidence: {
          deniedActions: ['s3:ListBucket', 's3:GetObject'],
          statements: ['OnlyThroughTheEndpoint', 'OnlyThroughTheEndpoint'],
        },
      },
    ]);
  });

  it('CFTP-NET-029 stays quiet when the Deny exempts the user role, names another role or has a condition it cannot judge', () => {
    const exempt = minimalTemplate();
    const statement = denyOutsideEndpoint();
    statement.Condition = {
      ...(statement.Condition as object),
      ArnNotLike: { 'aws:PrincipalArn': [{ 'Fn::GetAtt': ['UserRole', 'Arn'] }, 'arn:aws:iam::*:role/admin'] },
    };
    bucketStatements(exempt).push(statement);
    expect(findings(exempt)).toEqual([]);

    const other = minimalTemplate();
    bucketStatements(other).push({
      Effect: 'Deny',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/other' },
      Action: 's3:*',
      Resource: '*',
    });
    expect(findings(other)).toEqual([]);

    const unjudged = minimalTemplate();
    bucketStatements(unjudged).push({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringEquals: { 's3:ExistingObjectTag/secret': 'yes' } },
    });
    expect(findings(unjudged)).toEqual([]);
  });

  it('CFTP-NET-029 reads a policy on a bucket the template does not create, and only for roles that use the bucket', () => {
    const template = minimalTemplate();
    props(template, 'BucketPolicy').Bucket = 'shared-landing-zone';
    bucketStatements(template)[0] = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::shared-landing-zone/*',
    };
    expect(findings(template)).toMatchObject([{ id: 'CFTP-NET-029', resource: 'BucketPolicy' }]);
    props(template, 'UserRole').Policies[0].PolicyDocument.Statement.push({
      Effect: 'Deny',
      Action: 's3:DeleteObject',
      Resource: '*',
    });
    props(template, 'UserRole').Policies[0].PolicyDocument.Statement[0].Resource = 'arn:aws:s3:::another-bucket/*';
    expect(findings(template).map((f) => f.id)).not.toContain('CFTP-NET-029');
  });

  it('CFTP-NET-026 stays quiet when FTPS resumption is ENABLED', () => {
    const template = minimalTemplate();
    Object.assign(props(template, 'Server'), {
      Protocols: ['FTPS'],
      Certificate: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
      ProtocolDetails: { TlsSessionResumptionMode: 'ENABLED' },
    });
    expect(findings(template)).toEqual([]);
  });

  it('checks a declared on-premises client: not admitted by the SG, and no route back', () => {
    const result = findings(minimalTemplate(), ['172.16.0.0/16']);
    expect(ids(result).sort()).toEqual(['CFTP-NET-005', 'CFTP-NET-006', 'CFTP-NET-012']);
    expect(result.every((f) => JSON.stringify(f.evidence).includes('172.16.0.0/16'))).toBe(true);
  });

  it('rules add up: two halves of an on-premises network admit all of it, one half does not', () => {
    const template = minimalTemplate();
    const ingress = props(template, 'ServerSg').SecurityGroupIngress as unknown[];
    ingress.push(tcp(21, 21, '172.16.0.0/17'), tcp(8192, 8200, '172.16.0.0/16'));
    const halfOnly = findings(template, ['172.16.0.0/16']).filter((f) => f.id === 'CFTP-NET-005');
    expect(halfOnly).toHaveLength(1);
    ingress.push(tcp(21, 21, '172.16.128.0/17'));
    const ids = findings(template, ['172.16.0.0/16']).map((f) => f.id);
    expect(ids).toEqual(['CFTP-NET-012']); // admitted now; only the route back is missing
  });

  it("an instance's fixed private address is what the rules check", () => {
    const template = minimalTemplate();
    props(template, 'ServerSg').SecurityGroupIngress = [tcp(21, 21, '10.1.1.7/32'), tcp(8192, 8200, '10.1.1.7/32')];
    expect(findings(template).map((f) => f.id)).toEqual(['CFTP-NET-005', 'CFTP-NET-006']); // the subnet is wider
    props(template, 'Client').PrivateIpAddress = '10.1.1.7';
    expect(findings(template)).toEqual([]);
  });

  it('an SG rule naming the client security group admits the client', () => {
    const template = minimalTemplate();
    props(template, 'ServerSg').SecurityGroupIngress = [21, 8192].map((from) => ({
      IpProtocol: 'tcp',
      FromPort: from,
      ToPort: from === 21 ? 21 : 8200,
      SourceSecurityGroupId: { Ref: 'ClientSg' },
    }));
    expect(findings(template)).toEqual([]);
    // Security group references do not reach across an inter-Region peering.
    props(template, 'Peering').PeerRegion = 'us-east-1';
    expect(ids(findings(template)).sort()).toEqual(['CFTP-NET-005', 'CFTP-NET-006']);
  });

  it('CFTP-NET-017 points at the connected profile when the server VPC has a NAT or internet route', () => {
    const template = minimalTemplate();
    delete template.Resources.Sts;
    template.Resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
    template.Resources.Default = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: { Ref: 'FtpRoutes' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } },
    };
    const [finding] = findings(template);
    expect(finding).toMatchObject({ id: 'CFTP-NET-017', evidence: { hasInternetPath: true } });
    expect(finding!.message).toContain('use --profile connected');
  });

  it('the connected profile turns the STS rule into advice', () => {
    const template = minimalTemplate();
    delete template.Resources.Sts;
    const [closed] = checkTopology(load(template), { profile: 'closed' });
    const [connected] = checkTopology(load(template), { profile: 'connected' });
    expect([closed?.severity, connected?.severity]).toEqual(['warning', 'info']);
  });
});
