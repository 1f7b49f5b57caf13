// On-premises clients behind a VPN gateway whose routes propagate into the endpoint subnets' route table.
import { describe, expect, it } from 'vitest';
import {
  checkTopology,
  describeCoverage,
  describeResultsToTopology,
  loadTemplateText,
  type NetworkFinding,
  parseSnapshot,
  RULES,
} from '../../src/index.js';
import { minimalTemplate, type Template } from '../fixtures/minimal-template.js';

const ON_PREMISES = '192.168.0.0/16';
const CLIENTS = ['192.168.10.0/24'];
const tcp = (from: number, to: number, cidr: string) => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  CidrIp: cidr,
});

/** The minimal setup plus a VPN gateway on the FTP-VPC, a static-routing VPN connection and route propagation. */
function onPremisesTemplate(): Template {
  const t = minimalTemplate();
  const sg = t.Resources.ServerSg!.Properties as { SecurityGroupIngress: unknown[] };
  sg.SecurityGroupIngress.push(tcp(21, 21, ON_PREMISES), tcp(8192, 8200, ON_PREMISES));
  Object.assign(t.Resources, {
    Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } },
    VgwAttachment: {
      Type: 'AWS::EC2::VPCGatewayAttachment',
      Properties: { VpcId: { Ref: 'FtpVpc' }, VpnGatewayId: { Ref: 'Vgw' } },
    },
    Cgw: {
      Type: 'AWS::EC2::CustomerGateway',
      Properties: { Type: 'ipsec.1', BgpAsn: 65000, IpAddress: '203.0.113.10' },
    },
    Vpn: {
      Type: 'AWS::EC2::VPNConnection',
      Properties: {
        Type: 'ipsec.1',
        CustomerGatewayId: { Ref: 'Cgw' },
        VpnGatewayId: { Ref: 'Vgw' },
        StaticRoutesOnly: true,
      },
    },
    VpnRoute: {
      Type: 'AWS::EC2::VPNConnectionRoute',
      Properties: { VpnConnectionId: { Ref: 'Vpn' }, DestinationCidrBlock: ON_PREMISES },
    },
    Propagation: {
      Type: 'AWS::EC2::VPNGatewayRoutePropagation',
      Properties: { VpnGatewayId: { Ref: 'Vgw' }, RouteTableIds: [{ Ref: 'FtpRoutes' }] },
    },
  });
  return t;
}

const check = (t: Template, clientCidrs = CLIENTS): NetworkFinding[] =>
  checkTopology(loadTemplateText(JSON.stringify(t), 'vpn.json'), { clientCidrs });
// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixture properties of any shape.
const props = (t: Template, id: string) => t.Resources[id]!.Properties as Record<string, any>;

describe('on-premises clients through a VPN gateway', () => {
  it('a propagated route back (static VPN route covering the clients) is a working path', () => {
    expect(check(onPremisesTemplate())).toEqual([]);
  });

  it('the same with BGP: the on-premises side announces its routes (outside AWS)', () => {
    const t = onPremisesTemplate();
    props(t, 'Vpn').StaticRoutesOnly = false;
    delete t.Resources.VpnRoute;
    expect(check(t)).toEqual([]);
  });

  it('without the propagation there is no route back (CFTP-NET-012)', () => {
    const t = onPremisesTemplate();
    delete t.Resources.Propagation;
    expect(check(t).map((f) => f.id)).toEqual(['CFTP-NET-012']);
  });

  it('CFTP-NET-030: static routing, but no VPN static route covers the clients', () => {
    const t = onPremisesTemplate();
    props(t, 'VpnRoute').DestinationCidrBlock = '172.16.0.0/12';
    const findings = check(t);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-030']);
    const [finding] = findings;
    expect(finding).toMatchObject({
      title: RULES['CFTP-NET-030'].title,
      resource: 'FtpRoutes',
      evidence: {
        destination: '192.168.10.0/24',
        vpnGateways: ['Vgw'],
        vpnConnections: [{ id: 'Vpn', staticRoutesOnly: true, staticRoutes: ['172.16.0.0/12'] }],
      },
    });
    expect(finding!.remediation).toContain('192.168.10.0/24');
    expect(finding!.remediation).toContain('Vgw');
  });

  it('CFTP-NET-030: a propagating gateway with no VPN connection at all', () => {
    const t = onPremisesTemplate();
    delete t.Resources.Vpn;
    delete t.Resources.VpnRoute;
    expect(check(t)[0]?.message).toContain('VPN gateway Vgw propagates into it but has no VPN connection');
  });

  it('a gateway attached to another VPC propagates nothing into this table', () => {
    const t = onPremisesTemplate();
    props(t, 'VgwAttachment').VpcId = { Ref: 'ClientVpc' };
    expect(check(t).map((f) => f.id)).toEqual(['CFTP-NET-012']);
  });

  it('a static route to the VPN gateway is checked, not trusted: attached here, and the VPN must know the network', () => {
    const t = onPremisesTemplate();
    delete t.Resources.Propagation;
    t.Resources.ToOnPremises = {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: { Ref: 'FtpRoutes' }, DestinationCidrBlock: ON_PREMISES, GatewayId: { Ref: 'Vgw' } },
    };
    expect(check(t)).toEqual([]);
    props(t, 'VpnRoute').DestinationCidrBlock = '172.16.0.0/12';
    expect(check(t).map((f) => f.id)).toEqual(['CFTP-NET-030']);
    props(t, 'VpnRoute').DestinationCidrBlock = ON_PREMISES;
    props(t, 'VgwAttachment').VpcId = { Ref: 'ClientVpc' };
    const [finding] = check(t);
    expect(finding).toMatchObject({ id: 'CFTP-NET-012' });
    expect(finding!.message).toContain('VPN gateway Vgw is attached to ClientVpc, not to FtpVpc');
  });

  it('@<VPN gateway> names where the network enters; the report says so', () => {
    const topology = loadTemplateText(JSON.stringify(onPremisesTemplate()), 'vpn.json');
    const clients = CLIENTS.map((cidr) => `${cidr}@Vgw`);
    expect(checkTopology(topology, { clientCidrs: clients })).toEqual([]);
    expect(describeCoverage(topology, clients).entries).toEqual([
      { client: '192.168.10.0/24@Vgw', entersBy: 'VPN gateway Vgw', inferred: false },
    ]);
    // Without @, the VPN static route covering the network says where it enters.
    expect(describeCoverage(topology, CLIENTS).entries).toEqual([
      { client: '192.168.10.0/24', entersBy: 'VPN gateway Vgw', inferred: true },
    ]);
  });

  it('the SG must still admit the on-premises network (CFTP-NET-005/006)', () => {
    const t = onPremisesTemplate();
    props(t, 'ServerSg').SecurityGroupIngress.splice(2);
    expect(check(t).map((f) => f.id)).toEqual(['CFTP-NET-005', 'CFTP-NET-006']);
  });

  it('live mode reads which gateways propagate into a table; a version 2 snapshot reads as one without VPNs', () => {
    const empty = {
      region: 'eu-west-1',
      servers: [],
      vpcs: [],
      vpcAttributes: {},
      securityGroups: [],
      subnets: [],
      networkAcls: [],
      peeringConnections: [],
      vpcEndpoints: [],
      instances: [],
      functions: [],
    };
    const live = describeResultsToTopology({
      ...empty,
      routeTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', PropagatingVgws: [{ GatewayId: 'vgw-1' }], Routes: [] }],
    });
    expect(live.routeTables[0]?.propagatingVpnGateways).toEqual(['vgw-1']);
    const { vpnGateways, vpnConnections, ...version2 } = live;
    expect([vpnGateways, vpnConnections]).toEqual([[], []]);
    const read = parseSnapshot(JSON.stringify({ ...version2, version: 2 }), 'v2.json');
    expect(read).toMatchObject({ version: 4, vpnGateways: [], vpnConnections: [], routeTables: live.routeTables });
  });
});
