// A synthetic hub-and-spoke account for the benchmarks: one transit gateway with 500 attachments (the FTP-VPC, 498
// client spoke VPCs with an instance each, and an on-premises VPN), one route table they all associate with and
// propagate to, and 10,000 TGW routes (500 propagated, 9,500 static, every hundredth of those a blackhole).
import { emptyTopology, type Topology, type TransitGatewayRoute } from '../src/index.js';

export const HUB_ATTACHMENTS = 500;
export const HUB_ROUTES = 10_000;
const SPOKES = HUB_ATTACHMENTS - 2;
const ZONES = ['eu-west-1a', 'eu-west-1b'];
const TGW = 'tgw-hub';
const TABLE = 'tgw-rtb-hub';

/** Spoke `i`'s /24, from 10.1.0.0 up (the FTP-VPC is 10.0.0.0/16). */
const spokeCidr = (i: number) => `10.${1 + Math.floor(i / 256)}.${i % 256}.0/24`;

export function generateHubAndSpoke(): Topology {
  const t = emptyTopology({ kind: 'snapshot', location: 'generated hub and spoke' });
  const vpc = (id: string, cidr: string) => {
    t.vpcs.push({
      id,
      cidrBlocks: [cidr],
      enableDnsSupport: true,
      enableDnsHostnames: true,
      defaultSecurityGroupId: `${id}-default`,
      hasInternetPath: false,
    });
    t.networkAcls.push({
      id: `${id}-acl`,
      vpcId: id,
      entries: [false, true].map((egress) => ({
        ruleNumber: 100,
        egress,
        action: 'allow' as const,
        protocol: '-1',
        cidr: '0.0.0.0/0',
      })),
    });
  };
  t.transitGateways.push({
    id: TGW,
    defaultRouteTableAssociation: true,
    defaultRouteTablePropagation: true,
    associationDefaultRouteTableId: TABLE,
    propagationDefaultRouteTableId: TABLE,
    region: 'eu-west-1',
  });
  const routes: TransitGatewayRoute[] = [];
  const attach = (id: string, extra: Partial<Topology['transitGatewayAttachments'][number]>) => {
    t.transitGatewayAttachments.push({
      id,
      transitGatewayId: TGW,
      kind: 'vpc',
      subnetIds: [],
      state: 'available',
      ...extra,
    });
  };

  // The FTP-VPC: two endpoint subnets, one per zone, each with an attachment subnet.
  vpc('vpc-ftp', '10.0.0.0/16');
  t.routeTables.push({
    id: 'rtb-ftp',
    vpcId: 'vpc-ftp',
    main: true,
    routes: [
      { destination: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
      { destination: '10.0.0.0/8', target: { kind: 'transit-gateway', id: TGW }, state: 'active' },
      { destination: '192.168.0.0/16', target: { kind: 'transit-gateway', id: TGW }, state: 'active' },
    ],
  });
  for (const [n, zone] of ZONES.entries()) {
    t.subnets.push({
      id: `subnet-ftp${n}`,
      vpcId: 'vpc-ftp',
      cidrBlock: `10.0.${n}.0/24`,
      availabilityZone: zone,
      routeTableId: 'rtb-ftp',
    });
  }
  attach('tgw-attach-ftp', { vpcId: 'vpc-ftp', subnetIds: ['subnet-ftp0', 'subnet-ftp1'] });
  routes.push({ destination: '10.0.0.0/16', attachmentIds: ['tgw-attach-ftp'], type: 'propagated', state: 'active' });
  t.securityGroups.push({
    id: 'sg-endpoint',
    vpcId: 'vpc-ftp',
    isDefault: false,
    ingress: [
      { protocol: 'tcp', fromPort: 21, toPort: 21, peer: { cidr: '10.0.0.0/8' } },
      { protocol: 'tcp', fromPort: 8192, toPort: 8200, peer: { cidr: '10.0.0.0/8' } },
      { protocol: 'tcp', fromPort: 21, toPort: 21, peer: { cidr: '192.168.0.0/16' } },
      { protocol: 'tcp', fromPort: 8192, toPort: 8200, peer: { cidr: '192.168.0.0/16' } },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { cidr: '10.0.0.0/16' } },
    ],
    egress: [{ protocol: '-1', fromPort: 0, toPort: 65535, peer: { cidr: '0.0.0.0/0' } }],
  });
  t.vpcEndpoints.push({
    id: 'vpce-sts',
    vpcId: 'vpc-ftp',
    serviceName: 'com.amazonaws.eu-west-1.sts',
    type: 'Interface',
    privateDnsEnabled: true,
    subnetIds: ['subnet-ftp0', 'subnet-ftp1'],
    securityGroupIds: ['sg-endpoint'],
  });
  const arn = 'arn:aws:transfer:eu-west-1:111122223333:server/s-hub';
  const fn = 'arn:aws:lambda:eu-west-1:111122223333:function:idp';
  t.transferServers.push({
    id: 's-hub',
    arn,
    protocols: ['FTP'],
    endpointType: 'VPC',
    vpcId: 'vpc-ftp',
    subnetIds: ['subnet-ftp0', 'subnet-ftp1'],
    securityGroupIds: ['sg-endpoint'],
    addressAllocationIds: [],
    identityProviderType: 'AWS_LAMBDA',
    identityProviderFunction: fn,
    passiveIp: 'AUTO',
    structuredLogDestinations: ['arn:aws:logs:eu-west-1:111122223333:log-group:ftp'],
  });
  t.lambdaFunctions.push({
    id: 'idp',
    arn: fn,
    name: 'idp',
    timeoutSeconds: 15,
    vpcSubnetIds: [],
    vpcSecurityGroupIds: [],
    permissions: [{ principal: 'transfer.amazonaws.com', action: 'lambda:InvokeFunction', sourceArn: arn }],
  });

  // The client spokes: one subnet, a route to the FTP-VPC through the hub, a client instance.
  for (let i = 0; i < SPOKES; i++) {
    const id = `vpc-spoke${i}`;
    vpc(id, spokeCidr(i));
    t.routeTables.push({
      id: `rtb-spoke${i}`,
      vpcId: id,
      main: true,
      routes: [
        { destination: spokeCidr(i), target: { kind: 'local', id: 'local' }, state: 'active' },
        { destination: '10.0.0.0/16', target: { kind: 'transit-gateway', id: TGW }, state: 'active' },
      ],
    });
    const zone = ZONES[i % ZONES.length]!;
    t.subnets.push({
      id: `subnet-spoke${i}`,
      vpcId: id,
      cidrBlock: spokeCidr(i),
      availabilityZone: zone,
      routeTableId: `rtb-spoke${i}`,
    });
    attach(`tgw-attach-spoke${i}`, { vpcId: id, subnetIds: [`subnet-spoke${i}`] });
    routes.push({
      destination: spokeCidr(i),
      attachmentIds: [`tgw-attach-spoke${i}`],
      type: 'propagated',
      state: 'active',
    });
    t.securityGroups.push({
      id: `sg-client${i}`,
      vpcId: id,
      isDefault: false,
      ingress: [],
      egress: [{ protocol: '-1', fromPort: 0, toPort: 65535, peer: { cidr: '0.0.0.0/0' } }],
    });
    t.instances.push({ id: `i-client${i}`, subnetId: `subnet-spoke${i}`, securityGroupIds: [`sg-client${i}`] });
  }

  // On premises: a BGP VPN attachment announcing 192.168.0.0/16.
  t.customerGateways.push({ id: 'cgw-onprem', ipAddress: '203.0.113.10', bgpAsn: 65000 });
  t.vpnConnections.push({
    id: 'vpn-onprem',
    transitGatewayId: TGW,
    transitGatewayAttachmentId: 'tgw-attach-vpn',
    customerGatewayId: 'cgw-onprem',
    staticRoutesOnly: false,
    staticRoutes: [],
  });
  attach('tgw-attach-vpn', { kind: 'vpn', vpnConnectionId: 'vpn-onprem' });
  routes.push({
    destination: '192.168.0.0/16',
    attachmentIds: ['tgw-attach-vpn'],
    type: 'propagated',
    state: 'active',
  });

  // Static routes up to 10,000: /28s in 172.16.0.0/12 to the spokes, every hundredth a blackhole.
  for (let i = 0; routes.length < HUB_ROUTES; i++) {
    const blackhole = i % 100 === 0;
    routes.push({
      destination: `172.${16 + Math.floor(i / 4096)}.${Math.floor(i / 16) % 256}.${(i % 16) * 16}/28`,
      attachmentIds: blackhole ? [] : [`tgw-attach-spoke${i % SPOKES}`],
      type: 'static',
      state: blackhole ? 'blackhole' : 'active',
    });
  }
  const all = t.transitGatewayAttachments.map((a) => a.id);
  t.transitGatewayRouteTables.push({
    id: TABLE,
    transitGatewayId: TGW,
    associatedAttachmentIds: all,
    propagatingAttachmentIds: all,
    routes,
  });
  return t;
}
