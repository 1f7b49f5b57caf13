// Paths through a transit gateway and on-premises client networks with where they enter AWS (`@...`): the loader
// reads the defaults, the path is followed hop by hop, and reports say what was checked.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import {
  ClientCidrError,
  checkTopology,
  coverageLine,
  describeCoverage,
  loadTemplateText,
  type NetworkFinding,
  type Topology,
} from '../../src/index.js';
import {
  hubAndSpokeTemplate,
  ON_PREMISES_CLIENTS,
  onPremisesTransitTemplate,
} from '../fixtures/hub-and-spoke-template.js';
import type { Template } from '../fixtures/minimal-template.js';

const temp = useTempDir('network-check-tgw');
const load = (t: Template): Topology => loadTemplateText(JSON.stringify(t), 'tgw.json');
const check = (t: Template, clientCidrs: string[] = []): NetworkFinding[] => checkTopology(load(t), { clientCidrs });
// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixture properties of any shape.
const props = (t: Template, id: string) => t.Resources[id]!.Properties as Record<string, any>;

describe('transit gateways in templates', () => {
  it('reads the implicit default route table, and associates and propagates every attachment to it', () => {
    const topology = load(onPremisesTransitTemplate());
    expect(topology.transitGateways).toMatchObject([
      {
        id: 'Tgw',
        defaultRouteTableAssociation: true,
        associationDefaultRouteTableId: 'Tgw.DefaultRouteTable',
        propagationDefaultRouteTableId: 'Tgw.DefaultRouteTable',
      },
    ]);
    expect(topology.transitGatewayRouteTables).toMatchObject([
      {
        id: 'Tgw.DefaultRouteTable',
        associatedAttachmentIds: ['FtpAttachment', 'Vpn.TransitGatewayAttachment'],
        propagatingAttachmentIds: ['FtpAttachment', 'Vpn.TransitGatewayAttachment'],
      },
    ]);
    expect(topology.transitGatewayAttachments.map((a) => [a.id, a.kind])).toEqual([
      ['FtpAttachment', 'vpc'],
      ['Vpn.TransitGatewayAttachment', 'vpn'],
    ]);
    expect(topology.vpnConnections[0]).toMatchObject({ customerGatewayId: 'Cgw', transitGatewayId: 'Tgw' });
    expect(topology.customerGateways).toMatchObject([{ id: 'Cgw', bgpAsn: 65000, ipAddress: '203.0.113.10' }]);
  });

  it('an explicit association wins over the default one; a blackhole route has no attachment', () => {
    const t = hubAndSpokeTemplate();
    props(t, 'Tgw').DefaultRouteTableAssociation = 'enable';
    t.Resources.Drop = {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: {
        TransitGatewayRouteTableId: { Ref: 'TgwRoutes' },
        DestinationCidrBlock: '10.9.0.0/16',
        Blackhole: true,
      },
    };
    const topology = load(t);
    const tables = Object.fromEntries(topology.transitGatewayRouteTables.map((r) => [r.id, r]));
    expect(tables.TgwRoutes?.associatedAttachmentIds).toEqual(['FtpAttachment', 'ClientAttachment']);
    expect(tables['Tgw.DefaultRouteTable']?.associatedAttachmentIds).toEqual([]);
    expect(tables.TgwRoutes?.routes).toEqual([
      { destination: '10.9.0.0/16', attachmentIds: [], type: 'static', state: 'blackhole' },
    ]);
  });

  it('a TGW peering attachment is one opaque hop: a static route to it is followed no further', () => {
    const t = hubAndSpokeTemplate();
    t.Resources.Peer = {
      Type: 'AWS::EC2::TransitGatewayPeeringAttachment',
      Properties: {
        TransitGatewayId: { Ref: 'Tgw' },
        PeerTransitGatewayId: 'tgw-0peer',
        PeerRegion: 'us-east-1',
        PeerAccountId: '111122223333',
      },
    };
    t.Resources.ToPeer = {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: {
        TransitGatewayRouteTableId: { Ref: 'TgwRoutes' },
        DestinationCidrBlock: '172.16.0.0/16',
        TransitGatewayAttachmentId: { Ref: 'Peer' },
      },
    };
    t.Resources.FtpToPeer = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: { Ref: 'FtpRoutes' },
        DestinationCidrBlock: '172.16.0.0/16',
        TransitGatewayId: { Ref: 'Tgw' },
      },
    };
    t.Resources.PeerAssociation = {
      Type: 'AWS::EC2::TransitGatewayRouteTableAssociation',
      Properties: { TransitGatewayRouteTableId: { Ref: 'TgwRoutes' }, TransitGatewayAttachmentId: { Ref: 'Peer' } },
    };
    const peer = load(t).transitGatewayAttachments.find((a) => a.id === 'Peer');
    expect(peer).toMatchObject({ kind: 'peering', peerTransitGatewayId: 'tgw-0peer', peerRegion: 'us-east-1' });
    const sg = props(t, 'ServerSg').SecurityGroupIngress as unknown[];
    sg.push(
      ...[21, 8192].map((from) => ({
        IpProtocol: 'tcp',
        FromPort: from,
        ToPort: from === 21 ? 21 : 8200,
        CidrIp: '172.16.0.0/16',
      })),
    );
    expect(check(t, ['172.16.5.0/24'])).toEqual([]);
  });

  it('CFTP-NET-034 names PassiveIp AUTO: every endpoint subnet zone needs an attachment subnet', () => {
    const t = hubAndSpokeTemplate();
    props(t, 'FtpTgwSubnet').AvailabilityZone = 'eu-west-1b';
    const [finding] = check(t);
    expect(finding).toMatchObject({
      id: 'CFTP-NET-034',
      resource: 'FtpAttachment',
      evidence: { availabilityZone: 'eu-west-1a', attachmentZones: ['eu-west-1b'] },
    });
    expect(finding!.remediation).toContain('Add a subnet in eu-west-1a of FtpVpc to SubnetIds of FtpAttachment');
  });

  it('no false CFTP-NET-009 "no peering" for a client whose path is through a transit gateway', () => {
    expect(check(hubAndSpokeTemplate()).map((f) => f.id)).not.toContain('CFTP-NET-009');
  });
});

describe('on-premises client networks and where they enter AWS', () => {
  it('infers the entry from the routes and says so, up to the AWS edge', () => {
    const topology = load(onPremisesTransitTemplate());
    const coverage = describeCoverage(topology, [ON_PREMISES_CLIENTS]);
    expect(coverage.entries).toEqual([
      {
        client: ON_PREMISES_CLIENTS,
        entersBy: 'transit gateway attachment Vpn.TransitGatewayAttachment',
        inferred: true,
      },
    ]);
    expect(coverageLine(coverage)).toBe(
      'Checked 1 FTP server and 1 client network. Declared client networks are checked up to the AWS edge; their on-premises side is outside AWS. 192.168.10.0/24 enters by transit gateway attachment Vpn.TransitGatewayAttachment (inferred from the routes).',
    );
  });

  it('@<VPN connection> checks the way in: the VPN attachment’s route table must route to the endpoint subnet', () => {
    const t = onPremisesTransitTemplate();
    const given = `${ON_PREMISES_CLIENTS}@Vpn`;
    expect(check(t, [given])).toEqual([]);
    // A static route in the default table for the endpoint VPC to a blackhole: only the way in breaks.
    t.Resources.Drop = {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: {
        TransitGatewayRouteTableId: 'Tgw.DefaultRouteTable',
        DestinationCidrBlock: '10.0.0.0/16',
        Blackhole: true,
      },
    };
    const findings = check(t, [given]);
    expect(findings.map((f) => [f.id, f.evidence.entersBy])).toEqual([
      ['CFTP-NET-031', 'Vpn.TransitGatewayAttachment'],
    ]);
    expect(checkTopology(load(t), { clients: [{ cidr: ON_PREMISES_CLIENTS, via: 'Vpn' }] })).toEqual(findings);
  });

  it('an entry the input does not hold is a one-line error naming the fix', () => {
    const run = () => check(onPremisesTransitTemplate(), [`${ON_PREMISES_CLIENTS}@tgw-attach-0nope`]);
    expect(run).toThrow(ClientCidrError);
    expect(run).toThrow(
      /tgw-attach-0nope is not a transit gateway attachment, VPN connection or VPN gateway of the input; .*leave out @tgw-attach-0nope/,
    );
    expect(() => check(onPremisesTransitTemplate(), ['192.168.10.0/24@'])).toThrow(/names no gateway after the @/);
  });

  it('the CLI takes --client-cidr <cidr>@<gateway> and prints what it checked', async () => {
    const file = join(temp.path, 'tgw.json');
    await writeFile(file, JSON.stringify(onPremisesTransitTemplate()));
    const out = { text: '' };
    const sink = (target: { text: string }) =>
      new Writable({
        write(chunk, _encoding, done) {
          target.text += String(chunk);
          done();
        },
      });
    const err = { text: '' };
    const code = await runCli(['template', file, '--client-cidr', `${ON_PREMISES_CLIENTS}@Vpn`], {
      stdout: sink(out),
      stderr: sink(err),
      env: { NO_COLOR: '1' },
    });
    expect([code, err.text]).toEqual([0, '']);
    expect(out.text).toContain('Checked 1 FTP server and 1 client network.');
    expect(out.text).toContain(
      '192.168.10.0/24@Vpn enters by transit gateway attachment Vpn.TransitGatewayAttachment.',
    );
  });
});
