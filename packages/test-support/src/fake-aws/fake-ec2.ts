import { FakeAwsEndpoint, type FakeAwsOptions, type FakeHandler, type FakeHandlers } from './fake-aws-endpoint.js';
import { FakeAwsError } from './faults.js';
import { ec2Query } from './wire-protocol.js';

/**
 * EC2's list calls the fake answers from `FakeEc2Account.describe`: the element each answers with, and the range
 * of `MaxResults` EC2 accepts (`undefined`: the call does not page, it answers everything at once).
 */
export const EC2_LISTS = {
  DescribeVpcs: { element: 'vpcSet', maxResults: [5, 1000] },
  DescribeSecurityGroups: { element: 'securityGroupInfo', maxResults: [5, 1000] },
  DescribeSubnets: { element: 'subnetSet', maxResults: [5, 1000] },
  DescribeRouteTables: { element: 'routeTableSet', maxResults: [5, 100] },
  DescribeNetworkAcls: { element: 'networkAclSet', maxResults: [5, 1000] },
  DescribeVpcPeeringConnections: { element: 'vpcPeeringConnectionSet', maxResults: [5, 1000] },
  DescribeVpcEndpoints: { element: 'vpcEndpointSet', maxResults: [5, 1000] },
  DescribeInstances: { element: 'reservationSet', maxResults: [5, 1000] },
  DescribeTransitGateways: { element: 'transitGatewaySet', maxResults: [5, 1000] },
  DescribeTransitGatewayAttachments: { element: 'transitGatewayAttachments', maxResults: [5, 1000] },
  DescribeTransitGatewayVpcAttachments: { element: 'transitGatewayVpcAttachments', maxResults: [5, 1000] },
  DescribeTransitGatewayRouteTables: { element: 'transitGatewayRouteTables', maxResults: [5, 1000] },
  DescribeTransitGatewayPeeringAttachments: { element: 'transitGatewayPeeringAttachments', maxResults: [5, 1000] },
  DescribeVpnGateways: { element: 'vpnGatewaySet', maxResults: undefined },
  DescribeVpnConnections: { element: 'vpnConnectionSet', maxResults: undefined },
  DescribeCustomerGateways: { element: 'customerGatewaySet', maxResults: undefined },
} as const satisfies Record<string, { element: string; maxResults: readonly [number, number] | undefined }>;

export type Ec2ListOperation = keyof typeof EC2_LISTS;

/** What one transit gateway route table holds, as EC2 writes it (XML names: `transitGatewayAttachmentId`...). */
export interface FakeTransitGatewayRouteTableContents {
  /** GetTransitGatewayRouteTableAssociations' items. */
  associations?: object[];
  /** GetTransitGatewayRouteTablePropagations' items. */
  propagations?: object[];
  /** SearchTransitGatewayRoutes' items: `destinationCidrBlock`, `type`, `state`, `transitGatewayAttachments`. */
  routes?: object[];
}

/** The account the fake serves; every item as EC2's XML names its fields (`vpcId`, `transitGatewayId`). */
export interface FakeEc2Account {
  describe?: Partial<Record<Ec2ListOperation, object[]>>;
  /** By transit gateway route table id (`tgw-rtb-...`). */
  transitGatewayRouteTables?: Record<string, FakeTransitGatewayRouteTableContents>;
}

export interface FakeEc2Options extends FakeAwsOptions {
  account?: FakeEc2Account;
  /** The fake's largest page, below EC2's (1000) so that small fixtures page for real; default 1000. */
  pageSize?: number;
  /**
   * SearchTransitGatewayRoutes as EC2 first shipped it: no NextToken, only `additionalRoutesAvailable` when more
   * routes match than MaxResults (default 1000). Default false: it pages with NextToken, as EC2 does now.
   */
  routeSearchWithoutNextToken?: boolean;
}

/** SearchTransitGatewayRoutes' filters EC2 documents, each a test of one route against one value. */
const ROUTE_FILTERS: Record<string, (route: Record<string, unknown>, value: string) => boolean> = {
  state: (route, value) => route.state === value,
  type: (route, value) => route.type === value,
  'prefix-list-id': (route, value) => route.prefixListId === value,
  'route-search.exact-match': (route, value) => route.destinationCidrBlock === value,
  'route-search.subnet-of-match': (route, value) => cidrWithin(route.destinationCidrBlock, value),
  'route-search.supernet-of-match': (route, value) => cidrWithin(value, route.destinationCidrBlock),
  'attachment.transit-gateway-attachment-id': (route, value) =>
    routeAttachments(route).some((a) => a.transitGatewayAttachmentId === value),
  'attachment.resource-id': (route, value) => routeAttachments(route).some((a) => a.resourceId === value),
  'attachment.resource-type': (route, value) => routeAttachments(route).some((a) => a.resourceType === value),
};

/**
 * FAKE EC2 (query protocol, XML answers). Serves the Describe calls of `EC2_LISTS` from `account.describe`,
 * paginated with NextToken and MaxResults as EC2 pages them, and the transit gateway route table calls
 * (GetTransitGatewayRouteTableAssociations/Propagations, SearchTransitGatewayRoutes with its filters) from
 * `account.transitGatewayRouteTables`; `handlers` add or replace operations.
 */
export class FakeEc2 extends FakeAwsEndpoint {
  /** What the fake serves; change it between calls to change the answers. */
  readonly account: Required<FakeEc2Account>;

  private constructor(
    account: FakeEc2Account,
    readonly pageSize: number,
    readonly routeSearchWithoutNextToken: boolean,
  ) {
    super(ec2Query(), {});
    this.account = {
      describe: { ...account.describe },
      transitGatewayRouteTables: { ...account.transitGatewayRouteTables },
    };
  }

  static start(options: FakeEc2Options = {}): Promise<FakeEc2> {
    const fake = new FakeEc2(
      options.account ?? {},
      options.pageSize ?? 1000,
      options.routeSearchWithoutNextToken ?? false,
    );
    for (const [operation, handler] of Object.entries({ ...fake.#builtIn(), ...options.handlers })) {
      fake.on(operation, handler);
    }
    return fake.listen();
  }

  #builtIn(): FakeHandlers {
    const handlers: FakeHandlers = {};
    for (const [operation, { element, maxResults }] of Object.entries(EC2_LISTS)) {
      handlers[operation] = (input) => {
        const items = this.account.describe[operation as Ec2ListOperation] ?? [];
        if (maxResults === undefined) return { [element]: items };
        const page = this.#page(items, input, maxResults);
        return { [element]: page.items, nextToken: page.nextToken };
      };
    }
    const contents = (input: Record<string, unknown>) => {
      const id = required(input, 'TransitGatewayRouteTableId');
      const table = this.account.transitGatewayRouteTables[id];
      if (table === undefined) {
        throw new FakeAwsError(
          'InvalidRouteTableID.NotFound',
          `The transitGatewayRouteTable ID '${id}' does not exist`,
        );
      }
      return table;
    };
    const tableList =
      (pick: (table: FakeTransitGatewayRouteTableContents) => object[] | undefined, element: string): FakeHandler =>
      (input) => {
        const page = this.#page(pick(contents(input)) ?? [], input, [5, 1000]);
        return { [element]: page.items, nextToken: page.nextToken };
      };
    handlers.GetTransitGatewayRouteTableAssociations = tableList((t) => t.associations, 'associations');
    handlers.GetTransitGatewayRouteTablePropagations = tableList(
      (t) => t.propagations,
      'transitGatewayRouteTablePropagations',
    );
    handlers.SearchTransitGatewayRoutes = (input) => this.#searchRoutes(input, contents(input).routes ?? []);
    return handlers;
  }

  #searchRoutes(input: Record<string, unknown>, routes: object[]) {
    const filters = queryFilters(input);
    // EC2 requires at least one filter (state=active,blackhole reads every route).
    if (filters.length === 0)
      throw new FakeAwsError('MissingParameter', 'The request must contain the parameter Filter');
    for (const { name } of filters) {
      if (ROUTE_FILTERS[name] === undefined) {
        throw new FakeAwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
      }
    }
    const matching = routes.filter((route) =>
      filters.every(({ name, values }) =>
        values.some((value) => ROUTE_FILTERS[name]!(route as Record<string, unknown>, value)),
      ),
    );
    if (this.routeSearchWithoutNextToken) {
      const max = Math.min(maxResults(input, [5, 1000]) ?? 1000, this.pageSize);
      return { routeSet: matching.slice(0, max), additionalRoutesAvailable: matching.length > max };
    }
    const page = this.#page(matching, input, [5, 1000]);
    return { routeSet: page.items, additionalRoutesAvailable: page.nextToken !== undefined, nextToken: page.nextToken };
  }

  /** One page as EC2 answers it: at most MaxResults (and the fake's page size), a token while more remain. */
  #page<T>(items: readonly T[], input: Record<string, unknown>, range: readonly [number, number]) {
    const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
    if (!Number.isInteger(start) || start < 0 || start > items.length) {
      throw new FakeAwsError('InvalidNextToken', 'The specified NextToken is not valid.');
    }
    const size = Math.min(maxResults(input, range) ?? range[1], this.pageSize);
    const end = start + size;
    return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
  }
}

function required(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new FakeAwsError('MissingParameter', `The request must contain the parameter ${name}`);
  }
  return value;
}

function maxResults(input: Record<string, unknown>, [low, high]: readonly [number, number]): number | undefined {
  if (input.MaxResults === undefined) return undefined;
  const value = Number(input.MaxResults);
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new FakeAwsError(
      'InvalidParameterValue',
      `Value ( ${String(input.MaxResults)} ) for parameter maxResults is invalid. Expecting a value between ${low} and ${high}.`,
    );
  }
  return value;
}

/** The query protocol's `Filter.N.Name` / `Filter.N.Value.M` parameters, in order. */
export function queryFilters(input: Record<string, unknown>): { name: string; values: string[] }[] {
  const filters = new Map<number, { name: string; values: string[] }>();
  for (const [key, value] of Object.entries(input)) {
    const match = /^Filter\.(\d+)\.(Name|Value\.\d+)$/.exec(key);
    if (match === null) continue;
    const index = Number(match[1]);
    const filter = filters.get(index) ?? { name: '', values: [] };
    if (match[2] === 'Name') filter.name = String(value);
    else filter.values.push(String(value));
    filters.set(index, filter);
  }
  return [...filters.entries()].sort(([a], [b]) => a - b).map(([, filter]) => filter);
}

function routeAttachments(route: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = route.transitGatewayAttachments;
  return Array.isArray(attachments) ? attachments : [];
}

/** True when IPv4 CIDR `inner` lies within (or equals) `outer`; anything else (prefix lists, IPv6) is false. */
function cidrWithin(inner: unknown, outer: unknown): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (a === undefined || b === undefined || a.bits < b.bits) return false;
  const mask = b.bits === 0 ? 0 : (0xffffffff << (32 - b.bits)) >>> 0;
  return (a.address & mask) >>> 0 === (b.address & mask) >>> 0;
}

function parseCidr(value: unknown): { address: number; bits: number } | undefined {
  const match = typeof value === 'string' ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(value) : null;
  if (match === null) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  return { address: octets.reduce((sum, o) => sum * 256 + o, 0), bits };
}
