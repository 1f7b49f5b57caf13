// Live mode's transit gateway and VPN calls, read-only and unmapped (describe-results.ts maps them). Every list is
// read to its last page; SearchTransitGatewayRoutes, which may answer "more routes" without a NextToken, is
// narrowed by destination within a call budget, and a table it could not read whole is flagged, never guessed.
import {
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  type EC2Client,
  type Filter,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  paginateDescribeTransitGatewayAttachments,
  paginateDescribeTransitGatewayPeeringAttachments,
  paginateDescribeTransitGatewayRouteTables,
  paginateDescribeTransitGateways,
  paginateDescribeTransitGatewayVpcAttachments,
  SearchTransitGatewayRoutesCommand,
  type TransitGatewayRoute,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import { call, collect, type Progress } from './calls.js';
import type { DescribedTransitGatewayRouteTable, DescribeResults } from './describe-results.js';

/** SearchTransitGatewayRoutes calls per route table at most (10,000 routes, EC2's limit, take 10 with NextToken). */
export const ROUTE_SEARCH_CALL_BUDGET = 256;
/** The most routes one SearchTransitGatewayRoutes call may return. */
const ROUTE_SEARCH_PAGE = 1000;
/** Both states: SearchTransitGatewayRoutes needs a filter, and this one matches every route. */
const EVERY_ROUTE: Filter = { Name: 'state', Values: ['active', 'blackhole'] };
const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected']);

type GatewayResults = Required<
  Pick<
    DescribeResults,
    | 'transitGateways'
    | 'transitGatewayAttachments'
    | 'transitGatewayVpcAttachments'
    | 'transitGatewayPeeringAttachments'
    | 'transitGatewayRouteTables'
    | 'vpnGateways'
    | 'vpnConnections'
    | 'customerGateways'
  >
>;

/** Reads the Region's transit gateways (attachments, route tables and what they hold) and VPN gateways. */
export async function fetchGateways(ec2: EC2Client, progress: Progress): Promise<GatewayResults> {
  const transitGateways = await collect(
    progress,
    'ec2:DescribeTransitGateways',
    () => paginateDescribeTransitGateways({ client: ec2 }, {}),
    (p) => p.TransitGateways,
  );
  const found = transitGateways.length > 0;
  const transitGatewayAttachments = found
    ? await collect(
        progress,
        'ec2:DescribeTransitGatewayAttachments',
        () => paginateDescribeTransitGatewayAttachments({ client: ec2 }, {}),
        (p) => p.TransitGatewayAttachments,
      )
    : [];
  const transitGatewayVpcAttachments = found
    ? await collect(
        progress,
        'ec2:DescribeTransitGatewayVpcAttachments',
        () => paginateDescribeTransitGatewayVpcAttachments({ client: ec2 }, {}),
        (p) => p.TransitGatewayVpcAttachments,
      )
    : [];
  // Only where a peering exists: the transit gateway on the other side and its Region.
  const transitGatewayPeeringAttachments = transitGatewayAttachments.some((a) => a.ResourceType === 'peering')
    ? await collect(
        progress,
        'ec2:DescribeTransitGatewayPeeringAttachments',
        () => paginateDescribeTransitGatewayPeeringAttachments({ client: ec2 }, {}),
        (p) => p.TransitGatewayPeeringAttachments,
      )
    : [];
  const tables = found
    ? await collect(
        progress,
        'ec2:DescribeTransitGatewayRouteTables',
        () => paginateDescribeTransitGatewayRouteTables({ client: ec2 }, {}),
        (p) => p.TransitGatewayRouteTables,
      )
    : [];
  const transitGatewayRouteTables: DescribedTransitGatewayRouteTable[] = [];
  for (const table of tables) {
    if (GONE.has(table.State ?? '')) continue;
    transitGatewayRouteTables.push(await fetchRouteTable(ec2, table.TransitGatewayRouteTableId!, table, progress));
  }
  // These three calls do not page: EC2 answers every item at once.
  const vpnGateways =
    (
      await call(progress, 'ec2:DescribeVpnGateways', 'ec2:DescribeVpnGateways', () =>
        ec2.send(new DescribeVpnGatewaysCommand({})),
      )
    ).VpnGateways ?? [];
  const vpnConnections = (
    (
      await call(progress, 'ec2:DescribeVpnConnections', 'ec2:DescribeVpnConnections', () =>
        ec2.send(new DescribeVpnConnectionsCommand({})),
      )
    ).VpnConnections ?? []
  ).map(withoutSecrets);
  const customerGateways =
    (
      await call(progress, 'ec2:DescribeCustomerGateways', 'ec2:DescribeCustomerGateways', () =>
        ec2.send(new DescribeCustomerGatewaysCommand({})),
      )
    ).CustomerGateways ?? [];
  return {
    transitGateways,
    transitGatewayAttachments,
    transitGatewayVpcAttachments,
    transitGatewayPeeringAttachments,
    transitGatewayRouteTables,
    vpnGateways,
    vpnConnections,
    customerGateways,
  };
}

async function fetchRouteTable(
  ec2: EC2Client,
  id: string,
  table: DescribedTransitGatewayRouteTable['table'],
  progress: Progress,
): Promise<DescribedTransitGatewayRouteTable> {
  const associations = await listPages(progress, 'ec2:GetTransitGatewayRouteTableAssociations', id, (NextToken) =>
    ec2
      .send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: id, NextToken }))
      .then((out) => ({ items: out.Associations, next: out.NextToken })),
  );
  const propagations = await listPages(progress, 'ec2:GetTransitGatewayRouteTablePropagations', id, (NextToken) =>
    ec2
      .send(new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: id, NextToken }))
      .then((out) => ({ items: out.TransitGatewayRouteTablePropagations, next: out.NextToken })),
  );
  const { routes, complete } = await searchRoutes(ec2, id, progress);
  return { table, associations, propagations, routes, ...(complete ? {} : { routesTruncated: true }) };
}

/** Every page of a call about one route table (progress names the table). */
async function listPages<T>(
  progress: Progress,
  action: string,
  id: string,
  page: (next: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const out = await call(progress, action, `${action} ${id}`, () => page(next));
    items.push(...(out.items ?? []));
    next = out.next;
  } while (next);
  return items;
}

/**
 * Every route of a transit gateway route table. EC2 pages the answer with NextToken; where it answers
 * `AdditionalRoutesAvailable` without one, the search is narrowed: the routes of a CIDR are its exact match and
 * the routes within each of its halves, down to where each answer fits. `complete` is false when the budget ran out.
 */
export async function searchRoutes(
  ec2: EC2Client,
  id: string,
  progress: Progress,
  budget = ROUTE_SEARCH_CALL_BUDGET,
): Promise<{ routes: TransitGatewayRoute[]; complete: boolean }> {
  const found = new Map<string, TransitGatewayRoute>();
  let calls = 0;
  const search = async (narrowing: Filter[]): Promise<boolean> => {
    let NextToken: string | undefined;
    do {
      if (calls >= budget) return false;
      calls++;
      const scope = narrowing.map((f) => `${f.Name}=${f.Values?.join(',')}`).join(' ');
      const out = await call(
        progress,
        'ec2:SearchTransitGatewayRoutes',
        `ec2:SearchTransitGatewayRoutes ${id}${scope ? ` ${scope}` : ''}`,
        () =>
          ec2.send(
            new SearchTransitGatewayRoutesCommand({
              TransitGatewayRouteTableId: id,
              Filters: [EVERY_ROUTE, ...narrowing],
              MaxResults: ROUTE_SEARCH_PAGE,
              ...(NextToken ? { NextToken } : {}),
            }),
          ),
      );
      for (const route of out.Routes ?? []) {
        found.set(route.DestinationCidrBlock ?? route.PrefixListId ?? `#${found.size}`, route);
      }
      NextToken = out.NextToken;
      if (!NextToken && out.AdditionalRoutesAvailable === true) return false;
    } while (NextToken);
    return true;
  };
  const split = async (cidr: string): Promise<boolean> => {
    const halves = halvesOf(cidr);
    // Out of calls: stop here, not in each of the 2^(32 - bits) blocks below.
    if (halves === undefined || calls >= budget) return false;
    let complete = await search([{ Name: 'route-search.exact-match', Values: [cidr] }]);
    for (const half of halves) {
      const whole = await search([{ Name: 'route-search.subnet-of-match', Values: [half] }]);
      complete = (whole || (await split(half))) && complete;
    }
    return complete;
  };
  const complete = (await search([])) || (await split('0.0.0.0/0'));
  return { routes: [...found.values()], complete };
}

/** The two halves of an IPv4 CIDR block (`10.0.0.0/8` -> `10.0.0.0/9`, `10.128.0.0/9`); none for a /32. */
export function halvesOf(cidr: string): [string, string] | undefined {
  const [address = '', bitsText = ''] = cidr.split('/');
  const bits = Number(bitsText);
  if (bits >= 32) return undefined;
  const value = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const high = value + 2 ** (31 - bits);
  return [`${dotted(value)}/${bits + 1}`, `${dotted(high)}/${bits + 1}`];
}

function dotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * A VPN connection without what could let anyone into the tunnel: the customer gateway configuration (it holds the
 * pre-shared keys) and the tunnel options (each holds one). Nothing live mode keeps, prints or writes carries them.
 */
function withoutSecrets(connection: VpnConnection): VpnConnection {
  const { CustomerGatewayConfiguration: _configuration, Options, ...rest } = connection;
  if (Options === undefined) return rest;
  const { TunnelOptions: _tunnels, ...options } = Options;
  return { ...rest, Options: options };
}
