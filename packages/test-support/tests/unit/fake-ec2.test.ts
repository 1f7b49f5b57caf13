// FakeEc2's transit gateway and VPN calls through the real SDK client: its paginators, its XML deserializers.
import {
  DescribeCustomerGatewaysCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  EC2Client,
  GetTransitGatewayRouteTableAssociationsCommand,
  paginateDescribeTransitGatewayAttachments,
  paginateDescribeTransitGatewayRouteTables,
  paginateDescribeTransitGateways,
  paginateDescribeTransitGatewayVpcAttachments,
  paginateGetTransitGatewayRouteTableAssociations,
  paginateGetTransitGatewayRouteTablePropagations,
  paginateSearchTransitGatewayRoutes,
  SearchTransitGatewayRoutesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEc2, type FakeEc2Options, queryFilters } from '../../src/fake-aws/index.js';

const started: FakeEc2[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});
async function start(options: FakeEc2Options): Promise<{ fake: FakeEc2; client: EC2Client }> {
  const fake = await FakeEc2.start(options);
  started.push(fake);
  return { fake, client: new EC2Client({ ...fake.clientConfig, maxAttempts: 1 }) };
}
async function all<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
  return items;
}

const TABLE = 'tgw-rtb-0hub';
const attachment = (i: number) => ({
  transitGatewayAttachmentId: `tgw-attach-${i}`,
  transitGatewayId: 'tgw-0hub',
  resourceType: i === 0 ? 'vpn' : 'vpc',
  resourceId: i === 0 ? 'vpn-0onprem' : `vpc-${i}`,
  state: 'available',
  association: { transitGatewayRouteTableId: TABLE, state: 'associated' },
});
const route = (cidr: string, i: number, extra: object = {}) => ({
  destinationCidrBlock: cidr,
  type: 'propagated',
  state: 'active',
  transitGatewayAttachments: [
    { transitGatewayAttachmentId: `tgw-attach-${i}`, resourceId: `vpc-${i}`, resourceType: 'vpc' },
  ],
  ...extra,
});
const ROUTES = [
  ...Array.from({ length: 12 }, (_, i) => route(`10.${i}.0.0/16`, i)),
  { destinationCidrBlock: '10.99.0.0/16', type: 'static', state: 'blackhole' },
  route('192.168.0.0/16', 0, { type: 'static' }),
];
const ACCOUNT: FakeEc2Options['account'] = {
  describe: {
    DescribeTransitGateways: Array.from({ length: 3 }, (_, i) => ({
      transitGatewayId: `tgw-${i}`,
      state: 'available',
      options: {
        defaultRouteTableAssociation: 'enable',
        associationDefaultRouteTableId: TABLE,
        defaultRouteTablePropagation: 'disable',
      },
    })),
    DescribeTransitGatewayAttachments: Array.from({ length: 7 }, (_, i) => attachment(i)),
    DescribeTransitGatewayVpcAttachments: Array.from({ length: 6 }, (_, i) => ({
      transitGatewayAttachmentId: `tgw-attach-${i + 1}`,
      transitGatewayId: 'tgw-0hub',
      vpcId: `vpc-${i + 1}`,
      state: 'available',
      subnetIds: [`subnet-${i}a`, `subnet-${i}b`],
      options: { applianceModeSupport: i === 0 ? 'enable' : 'disable' },
    })),
    DescribeTransitGatewayRouteTables: Array.from({ length: 3 }, (_, i) => ({
      transitGatewayRouteTableId: i === 0 ? TABLE : `tgw-rtb-${i}`,
      transitGatewayId: 'tgw-0hub',
      state: 'available',
      defaultAssociationRouteTable: i === 0,
      defaultPropagationRouteTable: false,
    })),
    DescribeVpnGateways: [
      {
        vpnGatewayId: 'vgw-0a',
        state: 'available',
        type: 'ipsec.1',
        attachments: [{ vpcId: 'vpc-1', state: 'attached' }],
      },
      { vpnGatewayId: 'vgw-0b', state: 'available', type: 'ipsec.1', attachments: [] },
    ],
    DescribeVpnConnections: [
      {
        vpnConnectionId: 'vpn-0onprem',
        customerGatewayId: 'cgw-0a',
        transitGatewayId: 'tgw-0hub',
        state: 'available',
        type: 'ipsec.1',
        options: { staticRoutesOnly: true },
        routes: [{ destinationCidrBlock: '192.168.0.0/16', source: 'Static', state: 'available' }],
      },
    ],
    DescribeCustomerGateways: [
      { customerGatewayId: 'cgw-0a', ipAddress: '203.0.113.10', bgpAsn: '65000', state: 'available', type: 'ipsec.1' },
    ],
  },
  transitGatewayRouteTables: {
    [TABLE]: {
      associations: Array.from({ length: 7 }, (_, i) => ({
        transitGatewayAttachmentId: `tgw-attach-${i}`,
        resourceId: attachment(i).resourceId,
        resourceType: attachment(i).resourceType,
        state: 'associated',
      })),
      propagations: Array.from({ length: 5 }, (_, i) => ({
        transitGatewayAttachmentId: `tgw-attach-${i}`,
        resourceId: attachment(i).resourceId,
        resourceType: attachment(i).resourceType,
        state: 'enabled',
      })),
      routes: ROUTES,
    },
    'tgw-rtb-1': {},
  },
};

describe('FakeEc2: transit gateway Describe calls, paginated as EC2 pages them', () => {
  it('follows NextToken through every page of each call, and the SDK reads EC2 XML names into its shapes', async () => {
    const { fake, client } = await start({ account: ACCOUNT, pageSize: 2 });
    const gateways = await all(paginateDescribeTransitGateways({ client }, {}), (p) => p.TransitGateways);
    expect(gateways.map((g) => g.TransitGatewayId)).toEqual(['tgw-0', 'tgw-1', 'tgw-2']);
    expect(gateways[0]?.Options).toMatchObject({
      DefaultRouteTableAssociation: 'enable',
      AssociationDefaultRouteTableId: TABLE,
      DefaultRouteTablePropagation: 'disable',
    });
    const attachments = await all(
      paginateDescribeTransitGatewayAttachments({ client }, {}),
      (p) => p.TransitGatewayAttachments,
    );
    expect(attachments).toHaveLength(7);
    expect(attachments[0]).toMatchObject({
      ResourceType: 'vpn',
      ResourceId: 'vpn-0onprem',
      Association: { TransitGatewayRouteTableId: TABLE, State: 'associated' },
    });
    const vpcAttachments = await all(
      paginateDescribeTransitGatewayVpcAttachments({ client }, {}),
      (p) => p.TransitGatewayVpcAttachments,
    );
    expect(vpcAttachments.map((a) => a.SubnetIds)).toContainEqual(['subnet-5a', 'subnet-5b']);
    expect(vpcAttachments[0]?.Options?.ApplianceModeSupport).toBe('enable');
    const tables = await all(
      paginateDescribeTransitGatewayRouteTables({ client }, {}),
      (p) => p.TransitGatewayRouteTables,
    );
    expect(tables.map((t) => [t.TransitGatewayRouteTableId, t.DefaultAssociationRouteTable])).toEqual([
      [TABLE, true],
      ['tgw-rtb-1', false],
      ['tgw-rtb-2', false],
    ]);
    // 3 items = 2 pages, 7 = 4, 6 = 3, 3 = 2.
    expect(
      [
        'DescribeTransitGateways',
        'DescribeTransitGatewayAttachments',
        'DescribeTransitGatewayVpcAttachments',
        'DescribeTransitGatewayRouteTables',
      ].map((operation) => fake.callCount(operation)),
    ).toEqual([2, 4, 3, 2]);
  });

  it("pages a route table's associations and propagations; an unknown table is EC2's NotFound error", async () => {
    const { fake, client } = await start({ account: ACCOUNT, pageSize: 3 });
    // A fresh input per paginator: the SDK's paginators write NextToken into the input they are given.
    const input = () => ({ TransitGatewayRouteTableId: TABLE });
    const associations = await all(
      paginateGetTransitGatewayRouteTableAssociations({ client }, input()),
      (p) => p.Associations,
    );
    expect(associations.map((a) => a.TransitGatewayAttachmentId)).toEqual(
      Array.from({ length: 7 }, (_, i) => `tgw-attach-${i}`),
    );
    const propagations = await all(
      paginateGetTransitGatewayRouteTablePropagations({ client }, input()),
      (p) => p.TransitGatewayRouteTablePropagations,
    );
    expect(propagations.map((p) => [p.ResourceType, p.State])).toContainEqual(['vpn', 'enabled']);
    expect(propagations).toHaveLength(5);
    expect(fake.callCount('GetTransitGatewayRouteTableAssociations')).toBe(3);
    expect(fake.callCount('GetTransitGatewayRouteTablePropagations')).toBe(2);
    const empty = await client.send(
      new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: 'tgw-rtb-1' }),
    );
    expect(empty.Associations ?? []).toEqual([]);
    await expect(
      client.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: 'tgw-rtb-9' })),
    ).rejects.toMatchObject({ name: 'InvalidRouteTableID.NotFound' });
  });

  it('refuses a MaxResults outside EC2 range and a NextToken it did not give', async () => {
    const { client } = await start({ account: ACCOUNT });
    await expect(client.send(new DescribeTransitGatewayAttachmentsCommand({ MaxResults: 1 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      client.send(new DescribeTransitGatewayAttachmentsCommand({ NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidNextToken' });
    const five = await client.send(new DescribeTransitGatewayAttachmentsCommand({ MaxResults: 5 }));
    expect([five.TransitGatewayAttachments?.length, five.NextToken]).toEqual([5, '5']);
  });
});

describe('FakeEc2: SearchTransitGatewayRoutes', () => {
  const every = [{ Name: 'state', Values: ['active', 'blackhole'] }];

  it('filters as EC2 documents (state, type, exact, subnet-of, supernet-of, attachment) and requires a filter', async () => {
    const { client } = await start({ account: ACCOUNT });
    const search = async (Filters: { Name: string; Values: string[] }[]) =>
      (
        await client.send(new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: TABLE, Filters }))
      ).Routes?.map((r) => r.DestinationCidrBlock);
    expect(await search(every)).toHaveLength(14);
    expect(await search([{ Name: 'state', Values: ['blackhole'] }])).toEqual(['10.99.0.0/16']);
    expect(await search([{ Name: 'type', Values: ['static'] }])).toEqual(['10.99.0.0/16', '192.168.0.0/16']);
    expect(await search([{ Name: 'route-search.exact-match', Values: ['10.3.0.0/16'] }])).toEqual(['10.3.0.0/16']);
    expect(await search([{ Name: 'route-search.subnet-of-match', Values: ['10.8.0.0/13'] }])).toEqual([
      '10.8.0.0/16',
      '10.9.0.0/16',
      '10.10.0.0/16',
      '10.11.0.0/16',
    ]);
    expect(await search([{ Name: 'route-search.supernet-of-match', Values: ['10.4.1.0/24'] }])).toEqual([
      '10.4.0.0/16',
    ]);
    expect(
      await search([
        { Name: 'attachment.resource-type', Values: ['vpc'] },
        { Name: 'type', Values: ['static'] },
      ]),
    ).toEqual(['192.168.0.0/16']);
    await expect(search([])).rejects.toMatchObject({ name: 'MissingParameter' });
    await expect(search([{ Name: 'colour', Values: ['red'] }])).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('pages with NextToken, as EC2 does now, and says additionalRoutesAvailable while routes remain', async () => {
    const { fake, client } = await start({ account: ACCOUNT, pageSize: 4 });
    const input = { TransitGatewayRouteTableId: TABLE, Filters: every };
    const first = await client.send(new SearchTransitGatewayRoutesCommand(input));
    expect([first.Routes?.length, first.AdditionalRoutesAvailable, first.NextToken]).toEqual([4, true, '4']);
    const routes = await all(paginateSearchTransitGatewayRoutes({ client }, input), (p) => p.Routes);
    expect(routes.map((r) => r.DestinationCidrBlock)).toEqual(ROUTES.map((r) => r.destinationCidrBlock));
    expect(routes.at(-1)?.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId).toBe('tgw-attach-0');
    expect(fake.callCount('SearchTransitGatewayRoutes')).toBe(1 + 4);
  });

  it('without NextToken (as EC2 first shipped it): MaxResults routes and additionalRoutesAvailable, nothing more', async () => {
    const { client } = await start({ account: ACCOUNT, routeSearchWithoutNextToken: true });
    const out = await client.send(
      new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: TABLE, Filters: every, MaxResults: 5 }),
    );
    expect([out.Routes?.length, out.AdditionalRoutesAvailable, out.NextToken]).toEqual([5, true, undefined]);
    const narrowed = await client.send(
      new SearchTransitGatewayRoutesCommand({
        TransitGatewayRouteTableId: TABLE,
        Filters: [...every, { Name: 'route-search.subnet-of-match', Values: ['192.168.0.0/16'] }],
        MaxResults: 5,
      }),
    );
    expect([narrowed.Routes?.length, narrowed.AdditionalRoutesAvailable]).toEqual([1, false]);
  });
});

describe('FakeEc2: VPN gateways, VPN connections and customer gateways', () => {
  it('answer everything in one response, as EC2 does (these calls do not page)', async () => {
    const { client } = await start({ account: ACCOUNT, pageSize: 1 });
    const gateways = await client.send(new DescribeVpnGatewaysCommand({}));
    expect(gateways.VpnGateways?.map((g) => [g.VpnGatewayId, g.VpcAttachments?.[0]?.VpcId])).toEqual([
      ['vgw-0a', 'vpc-1'],
      ['vgw-0b', undefined],
    ]);
    const connections = await client.send(new DescribeVpnConnectionsCommand({}));
    expect(connections.VpnConnections?.[0]).toMatchObject({
      VpnConnectionId: 'vpn-0onprem',
      TransitGatewayId: 'tgw-0hub',
      Options: { StaticRoutesOnly: true },
      Routes: [{ DestinationCidrBlock: '192.168.0.0/16', Source: 'Static', State: 'available' }],
    });
    const customers = await client.send(new DescribeCustomerGatewaysCommand({}));
    expect(customers.CustomerGateways?.[0]).toMatchObject({ IpAddress: '203.0.113.10', BgpAsn: '65000' });
  });

  it('the account can change between calls; a handler replaces a built-in answer', async () => {
    const { fake, client } = await start({
      account: ACCOUNT,
      handlers: { DescribeCustomerGateways: () => ({ customerGatewaySet: [] }) },
    });
    fake.account.describe.DescribeVpnGateways = [];
    expect((await client.send(new DescribeVpnGatewaysCommand({}))).VpnGateways ?? []).toEqual([]);
    expect((await client.send(new DescribeCustomerGatewaysCommand({}))).CustomerGateways ?? []).toEqual([]);
  });
});

describe('queryFilters', () => {
  it("reads the query protocol's Filter.N.Name / Filter.N.Value.M in order", () => {
    expect(
      queryFilters({
        'Filter.2.Name': 'type',
        'Filter.2.Value.1': 'static',
        'Filter.1.Name': 'state',
        'Filter.1.Value.1': 'active',
        'Filter.1.Value.2': 'blackhole',
        MaxResults: '5',
      }),
    ).toEqual([
      { name: 'state', values: ['active', 'blackhole'] },
      { name: 'type', values: ['static'] },
    ]);
  });
});
