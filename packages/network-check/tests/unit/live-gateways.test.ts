// Transit gateways and VPNs in live mode. Agreement: the same account as a template and as live mode's answers
// gives the same model through the shared normalizer (live mode also lists propagated routes, which templates
// leave to the rules). Fetching: FakeEc2 serves those answers over several pages per call, and
// SearchTransitGatewayRoutes without NextToken is narrowed until every route is read, or flagged as incomplete.
import { EC2Client } from '@aws-sdk/client-ec2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { TransferClient } from '@aws-sdk/client-transfer';
import { FakeEc2, type FakeEc2Account, FakeTransfer } from '@closed-ftp/test-support/fake-aws';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkTopology,
  describeResultsToTopology,
  fetchDescribeResults,
  loadTemplateText,
  type Topology,
} from '../../src/index.js';
import type { DescribeResults } from '../../src/loaders/live/describe-results.js';
import { searchRoutes } from '../../src/loaders/live/fetch-gateways.js';
import { type GatewayAccount, hubAndSpoke, ON_PREMISES, onPremisesVpn } from '../fixtures/gateway-accounts.js';
import { ACCOUNT } from '../fixtures/minimal-describe-results.js';
import { toEc2XmlNames } from '../support/ec2-xml-names.js';

const fromTemplate = (account: GatewayAccount): Topology =>
  loadTemplateText(JSON.stringify(account.template), 't.json', { region: 'eu-west-1', account: ACCOUNT });

/** The model without locations and sources, sorted; live mode's propagated routes set aside (templates derive them). */
function network(t: Topology) {
  const byId = <T extends { id: string; location?: unknown }>(items: T[]) =>
    [...items].sort((a, b) => a.id.localeCompare(b.id)).map(({ location: _location, ...rest }) => rest);
  return {
    vpcs: byId(t.vpcs),
    subnets: byId(t.subnets),
    routeTables: byId(t.routeTables).map((table) => ({ ...table, routes: table.routes.filter((r) => !r.propagated) })),
    securityGroups: byId(t.securityGroups),
    networkAcls: byId(t.networkAcls),
    vpnGateways: byId(t.vpnGateways),
    vpnConnections: byId(t.vpnConnections),
    customerGateways: byId(t.customerGateways),
    transitGateways: byId(t.transitGateways),
    transitGatewayAttachments: byId(t.transitGatewayAttachments),
    transitGatewayRouteTables: byId(t.transitGatewayRouteTables).map((table) => ({
      ...table,
      associatedAttachmentIds: [...table.associatedAttachmentIds].sort(),
      propagatingAttachmentIds: [...table.propagatingAttachmentIds].sort(),
      routes: table.routes.filter((r) => r.type === 'static'),
    })),
  };
}

const findings = (t: Topology, clientCidrs: string[] = []) =>
  checkTopology(t, { clientCidrs }).map((f) => `${f.id} ${f.resource}`);

const ACCOUNTS: [string, () => GatewayAccount, string[]][] = [
  ['hub and spoke, explicit TGW route table', () => hubAndSpoke(false), []],
  ['hub and spoke, default TGW route table, on-premises VPN attachment', () => hubAndSpoke(true), []],
  ['on-premises behind a VPN gateway with route propagation', onPremisesVpn, [ON_PREMISES]],
];

describe('loader agreement: transit gateways and VPNs', () => {
  it.each(ACCOUNTS)('%s: the template and the live answers give the same model', (_name, account) => {
    const { results } = account();
    expect(network(describeResultsToTopology(results))).toEqual(network(fromTemplate(account())));
  });

  it.each(ACCOUNTS)('%s: and the same findings', (_name, account, clients) => {
    expect(findings(describeResultsToTopology(account().results), clients)).toEqual(
      findings(fromTemplate(account()), clients),
    );
  });

  it('live mode keeps what the calls say and templates cannot: propagated routes, AWS states, Regions', () => {
    const live = describeResultsToTopology(hubAndSpoke(true).results);
    expect(live.transitGatewayRouteTables[0]?.routes).toContainEqual({
      destination: ON_PREMISES,
      attachmentIds: ['Vpn.TransitGatewayAttachment'],
      type: 'propagated',
      state: 'active',
    });
    expect(live.transitGateways[0]).toMatchObject({
      region: 'eu-west-1',
      associationDefaultRouteTableId: 'Tgw.DefaultRouteTable',
    });
    const vpn = describeResultsToTopology(onPremisesVpn().results);
    expect(vpn.routeTables.find((t) => t.id === 'FtpRoutes')?.routes.at(-1)).toEqual({
      destination: ON_PREMISES,
      target: { kind: 'vpn-gateway', id: 'Vgw' },
      state: 'active',
      propagated: true,
    });
  });

  it('leaves out what EC2 reports as gone (deleted attachments, rejected peerings, deleted routes)', () => {
    const { results } = hubAndSpoke(false);
    results.transitGatewayAttachments!.push({
      TransitGatewayAttachmentId: 'Old',
      TransitGatewayId: 'Tgw',
      ResourceType: 'vpc',
      State: 'deleted',
    });
    results.transitGatewayRouteTables![0]!.routes.push({ DestinationCidrBlock: '10.7.0.0/16', State: 'deleted' });
    results.vpnConnections!.push({ VpnConnectionId: 'Gone', State: 'deleted', Options: { StaticRoutesOnly: true } });
    const t = describeResultsToTopology(results);
    expect(t.transitGatewayAttachments.map((a) => a.id).sort()).toEqual(['ClientAttachment', 'FtpAttachment']);
    expect(t.transitGatewayRouteTables[0]?.routes.map((r) => r.destination)).not.toContain('10.7.0.0/16');
    expect(t.vpnConnections).toEqual([]);
  });
});

// ---- fetching: FakeEc2 with the same answers, two items a page ----

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

/** The answers as FakeEc2's account (EC2's XML names from the SDK's schemas). */
function fakeAccount(results: DescribeResults): FakeEc2Account {
  const describe: NonNullable<FakeEc2Account['describe']> = {
    DescribeVpcs: toEc2XmlNames('Vpc', results.vpcs),
    DescribeSecurityGroups: toEc2XmlNames('SecurityGroup', results.securityGroups),
    DescribeSubnets: toEc2XmlNames('Subnet', results.subnets),
    DescribeRouteTables: toEc2XmlNames('RouteTable', results.routeTables),
    DescribeNetworkAcls: toEc2XmlNames('NetworkAcl', results.networkAcls),
    DescribeVpcPeeringConnections: toEc2XmlNames('VpcPeeringConnection', results.peeringConnections),
    DescribeVpcEndpoints: toEc2XmlNames('VpcEndpoint', results.vpcEndpoints),
    DescribeTransitGateways: toEc2XmlNames('TransitGateway', results.transitGateways ?? []),
    DescribeTransitGatewayAttachments: toEc2XmlNames(
      'TransitGatewayAttachment',
      results.transitGatewayAttachments ?? [],
    ),
    DescribeTransitGatewayVpcAttachments: toEc2XmlNames(
      'TransitGatewayVpcAttachment',
      results.transitGatewayVpcAttachments ?? [],
    ),
    DescribeTransitGatewayPeeringAttachments: toEc2XmlNames(
      'TransitGatewayPeeringAttachment',
      results.transitGatewayPeeringAttachments ?? [],
    ),
    DescribeTransitGatewayRouteTables: toEc2XmlNames(
      'TransitGatewayRouteTable',
      (results.transitGatewayRouteTables ?? []).map((t) => t.table),
    ),
    DescribeVpnGateways: toEc2XmlNames('VpnGateway', results.vpnGateways ?? []),
    DescribeVpnConnections: toEc2XmlNames('VpnConnection', results.vpnConnections ?? []),
    DescribeCustomerGateways: toEc2XmlNames('CustomerGateway', results.customerGateways ?? []),
  };
  const transitGatewayRouteTables: NonNullable<FakeEc2Account['transitGatewayRouteTables']> = {};
  for (const t of results.transitGatewayRouteTables ?? []) {
    transitGatewayRouteTables[t.table.TransitGatewayRouteTableId!] = {
      associations: toEc2XmlNames('TransitGatewayRouteTableAssociation', t.associations),
      propagations: toEc2XmlNames('TransitGatewayRouteTablePropagation', t.propagations),
      routes: toEc2XmlNames('TransitGatewayRoute', t.routes),
    };
  }
  return { describe, transitGatewayRouteTables };
}

/** A hub with three spokes more than the hub-and-spoke account, so every new list takes two pages or more. */
function busyHub(): DescribeResults {
  const { results } = hubAndSpoke(true);
  const table = results.transitGatewayRouteTables![0]!;
  for (const i of [1, 2, 3]) {
    const id = `Spoke${i}Attachment`;
    const link = { TransitGatewayAttachmentId: id, ResourceId: `Spoke${i}`, ResourceType: 'vpc' as const };
    results.transitGatewayAttachments!.push({ ...link, TransitGatewayId: 'Tgw', State: 'available' });
    results.transitGatewayVpcAttachments!.push({
      TransitGatewayAttachmentId: id,
      TransitGatewayId: 'Tgw',
      VpcId: `Spoke${i}`,
      State: 'available',
      SubnetIds: [`Spoke${i}SubnetA`, `Spoke${i}SubnetB`],
      Options: { ApplianceModeSupport: i === 1 ? 'enable' : 'disable' },
    });
    table.associations.push({ ...link, State: 'associated' });
    table.propagations.push({ ...link, State: 'enabled' });
    table.routes.push({
      DestinationCidrBlock: `10.${10 + i}.0.0/16`,
      Type: 'propagated',
      State: 'active',
      TransitGatewayAttachments: [link],
    });
  }
  results.transitGateways!.push(
    { TransitGatewayId: 'Tgw2', State: 'available', Options: { DefaultRouteTableAssociation: 'disable' } },
    { TransitGatewayId: 'Tgw3', State: 'available', Options: { DefaultRouteTablePropagation: 'disable' } },
  );
  for (const i of [2, 3]) {
    results.transitGatewayRouteTables!.push({
      table: { TransitGatewayRouteTableId: `Tgw${i}Routes`, TransitGatewayId: `Tgw${i}`, State: 'available' },
      associations: [],
      propagations: [],
      routes: [],
    });
  }
  results.transitGatewayAttachments!.push({
    TransitGatewayAttachmentId: 'ToOtherRegion',
    TransitGatewayId: 'Tgw',
    ResourceType: 'peering',
    ResourceId: 'TgwFar',
    State: 'available',
  });
  results.transitGatewayPeeringAttachments = [
    {
      TransitGatewayAttachmentId: 'ToOtherRegion',
      RequesterTgwInfo: { TransitGatewayId: 'Tgw', Region: 'eu-west-1', OwnerId: ACCOUNT },
      AccepterTgwInfo: { TransitGatewayId: 'TgwFar', Region: 'us-east-1', OwnerId: ACCOUNT },
      State: 'available',
    },
  ];
  return results;
}

async function startFakes(results: DescribeResults, routeSearchWithoutNextToken = false) {
  const ec2 = await FakeEc2.start({
    account: fakeAccount(results),
    pageSize: 2,
    routeSearchWithoutNextToken,
    handlers: {
      DescribeVpcAttribute: (input) => ({ vpcId: input.VpcId, [String(input.Attribute)]: { value: true } }),
    },
  });
  started.push(ec2);
  const transfer = await FakeTransfer.start({
    handlers: {
      ListServers: () => ({ Servers: results.servers.map((s) => ({ ServerId: s.ServerId })) }),
      DescribeServer: (input) => ({ Server: results.servers.find((s) => s.ServerId === input.ServerId) }),
    },
  });
  started.push(transfer);
  const fn = results.functions[0]!;
  // The IdP's two Lambda calls answered in place: no Lambda fake, and the mapping of their answers is tested elsewhere.
  const lambda = {
    send: async (command: { constructor: { name: string } }) =>
      command.constructor.name === 'GetPolicyCommand'
        ? { Policy: fn.policy }
        : { FunctionArn: fn.arn, FunctionName: fn.name, Timeout: fn.timeoutSeconds },
  } as unknown as LambdaClient;
  const clients = {
    ec2: new EC2Client({ ...ec2.clientConfig, maxAttempts: 2 }),
    transfer: new TransferClient({ ...transfer.clientConfig, maxAttempts: 2 }),
    lambda,
  };
  return { ec2, clients };
}

/** What fetching returned, as the fixture wrote it: SDK shapes, in the order EC2 listed them. */
const gatewayAnswers = (r: DescribeResults) => ({
  transitGateways: r.transitGateways,
  transitGatewayAttachments: r.transitGatewayAttachments,
  transitGatewayVpcAttachments: r.transitGatewayVpcAttachments,
  transitGatewayPeeringAttachments: r.transitGatewayPeeringAttachments,
  transitGatewayRouteTables: r.transitGatewayRouteTables,
  vpnGateways: r.vpnGateways,
  vpnConnections: r.vpnConnections,
  customerGateways: r.customerGateways,
});

describe('live mode against FakeEc2: transit gateway and VPN calls, every list over several pages', () => {
  it('reads every page of every new call and returns the answers as EC2 gave them', { timeout: 60_000 }, async () => {
    const results = busyHub();
    const { ec2, clients } = await startFakes(results);
    const steps: string[] = [];
    const fetched = await fetchDescribeResults({ region: 'eu-west-1', clients, onProgress: (s) => steps.push(s) });
    expect(gatewayAnswers(fetched)).toEqual(gatewayAnswers(results));
    // Items per list / 2 a page: 3 gateways, 7 attachments, 5 VPC attachments, 3 tables; the hub table's 6
    // associations, 6 propagations and 6 routes, one page for each empty table.
    const count = (operation: string) => ec2.callCount(operation);
    expect({
      gateways: count('DescribeTransitGateways'),
      attachments: count('DescribeTransitGatewayAttachments'),
      vpcAttachments: count('DescribeTransitGatewayVpcAttachments'),
      peerings: count('DescribeTransitGatewayPeeringAttachments'),
      tables: count('DescribeTransitGatewayRouteTables'),
      associations: count('GetTransitGatewayRouteTableAssociations'),
      propagations: count('GetTransitGatewayRouteTablePropagations'),
      routes: count('SearchTransitGatewayRoutes'),
      vpnGateways: count('DescribeVpnGateways'),
      vpnConnections: count('DescribeVpnConnections'),
      customerGateways: count('DescribeCustomerGateways'),
    }).toEqual({
      gateways: 2,
      attachments: 4,
      vpcAttachments: 3,
      peerings: 1,
      tables: 2,
      associations: 3 + 1 + 1,
      propagations: 3 + 1 + 1,
      routes: 3 + 1 + 1,
      vpnGateways: 1,
      vpnConnections: 1,
      customerGateways: 1,
    });
    expect(steps).toContain('ec2:SearchTransitGatewayRoutes Tgw.DefaultRouteTable');
    const topology = describeResultsToTopology(fetched);
    expect(topology.transitGatewayAttachments.find((a) => a.id === 'ToOtherRegion')).toMatchObject({
      kind: 'peering',
      peerTransitGatewayId: 'TgwFar',
      peerRegion: 'us-east-1',
    });
    expect(topology.transitGatewayAttachments.find((a) => a.id === 'Spoke1Attachment')).toMatchObject({
      subnetIds: ['Spoke1SubnetA', 'Spoke1SubnetB'],
      applianceMode: true,
    });
    expect(topology.unresolved).toEqual([]);
  });

  it('the whole account read through FakeEc2 gives the model of its template (hub and spoke, on-premises)', {
    timeout: 60_000,
  }, async () => {
    for (const account of [hubAndSpoke(false), hubAndSpoke(true), onPremisesVpn()]) {
      const { clients } = await startFakes(account.results);
      const live = describeResultsToTopology(await fetchDescribeResults({ region: 'eu-west-1', clients }));
      // Live mode reads a spoke's DNS support only (what the rules need), as it does for a peered VPC.
      const spokes = (t: Topology) => {
        const n = network(t);
        return {
          ...n,
          vpcs: n.vpcs.map(({ enableDnsHostnames, ...v }) => (v.id === 'FtpVpc' ? { ...v, enableDnsHostnames } : v)),
        };
      };
      expect(live.vpcs.find((v) => v.id === 'ClientVpc')?.enableDnsSupport ?? true).toBe(true);
      expect(spokes(live)).toEqual(spokes(fromTemplate(account)));
    }
  });

  it('keeps no pre-shared key: the customer gateway configuration and tunnel options are dropped', async () => {
    const results = onPremisesVpn().results;
    const { ec2, clients } = await startFakes(results);
    const connection = ec2.account.describe.DescribeVpnConnections![0] as Record<string, unknown>;
    Object.assign(connection, {
      customerGatewayConfiguration: '<vpn_connection><pre_shared_key>s3cr3t-psk</pre_shared_key></vpn_connection>',
      options: {
        staticRoutesOnly: true,
        tunnelOptionSet: [{ outsideIpAddress: '198.51.100.1', preSharedKey: 's3cr3t-psk' }],
      },
    });
    const fetched = await fetchDescribeResults({ region: 'eu-west-1', clients });
    expect(JSON.stringify(fetched)).not.toContain('s3cr3t-psk');
    expect(fetched.vpnConnections?.[0]?.Options).toEqual({ StaticRoutesOnly: true });
  });
});

describe('SearchTransitGatewayRoutes without NextToken (additionalRoutesAvailable only)', () => {
  /** A table with `count` propagated /24 routes under 10.0.0.0/8 and one default route. */
  function bigTable(count: number): DescribeResults {
    const results = hubAndSpoke(false).results;
    const table = results.transitGatewayRouteTables![0]!;
    table.routes = [
      { DestinationCidrBlock: '0.0.0.0/0', Type: 'static', State: 'blackhole' },
      ...Array.from({ length: count }, (_, i) => ({
        DestinationCidrBlock: `10.${Math.floor(i / 256)}.${i % 256}.0/24`,
        Type: 'propagated' as const,
        State: 'active' as const,
        TransitGatewayAttachments: [{ TransitGatewayAttachmentId: 'ClientAttachment' }],
      })),
    ];
    return results;
  }

  it('narrows by destination (exact match, then each half) until every route is read', {
    timeout: 60_000,
  }, async () => {
    const results = bigTable(2500);
    const ec2 = await FakeEc2.start({ account: fakeAccount(results), routeSearchWithoutNextToken: true });
    started.push(ec2);
    const client = new EC2Client({ ...ec2.clientConfig, maxAttempts: 1 });
    const { routes, complete } = await searchRoutes(client, 'TgwRoutes', () => {});
    expect(complete).toBe(true);
    expect(routes.map((r) => r.DestinationCidrBlock).sort()).toEqual(
      results.transitGatewayRouteTables![0]!.routes.map((r) => r.DestinationCidrBlock).sort(),
    );
    expect(ec2.callCount('SearchTransitGatewayRoutes')).toBeLessThan(64);
  });

  it('says so when the call budget runs out: the table is flagged, its missing routes reported as unresolved', {
    timeout: 60_000,
  }, async () => {
    const results = bigTable(40);
    const ec2 = await FakeEc2.start({ account: fakeAccount(results), routeSearchWithoutNextToken: true, pageSize: 5 });
    started.push(ec2);
    const client = new EC2Client({ ...ec2.clientConfig, maxAttempts: 1 });
    const { routes, complete } = await searchRoutes(client, 'TgwRoutes', () => {}, 3);
    expect([complete, ec2.callCount('SearchTransitGatewayRoutes')]).toEqual([false, 3]);
    expect(routes.length).toBeLessThan(41);
    const table = results.transitGatewayRouteTables![0]!;
    Object.assign(table, { routes, routesTruncated: true });
    const topology = describeResultsToTopology(results);
    expect(topology.unresolved).toEqual([
      {
        resource: 'TgwRoutes',
        field: 'routes',
        expression: 'SearchTransitGatewayRoutes had more routes than live mode reads; routes beyond them are missing',
      },
    ]);
    expect(checkTopology(topology).map((f) => f.id)).toContain('CFTP-NET-028');
  });
});
