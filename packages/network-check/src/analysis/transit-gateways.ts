// A path through a transit gateway, hop by hop: the attachment in the source's zone, the route table associated
// with it, the longest-prefix route to the destination, the destination attachment and its subnet in the
// destination's zone. A transit gateway reaches only the zones it has an attachment subnet in (VPC user guide).
import {
  isUnknown,
  type Subnet,
  type TransitGateway,
  type TransitGatewayAttachment,
  type TransitGatewayRoute,
  type TransitGatewayRouteTable,
} from '../model.js';
import { cidrContains, cidrsOverlap, type Ipv4Block, parseCidr } from './cidr.js';
import type { TopologyIndex } from './topology-index.js';

export type TransitRuleId = 'CFTP-NET-031' | 'CFTP-NET-032' | 'CFTP-NET-033' | 'CFTP-NET-034' | 'CFTP-NET-035';

/** One hop of a path, for reports and the HTML diagram. */
export interface PathHop {
  kind: 'transit-gateway' | 'tgw-attachment' | 'tgw-route-table' | 'tgw-peering' | 'vpn-gateway' | 'aws-edge';
  id: string;
  /** What the hop does, e.g. `route 10.0.0.0/16 -> FtpAttachment`. */
  label: string;
  ok: boolean;
  rule?: TransitRuleId;
}

export interface TransitFault {
  rule: TransitRuleId;
  /** The model resource the finding is about. */
  resource: { id: string };
  message: string;
  remediation: string;
  evidence: Record<string, unknown>;
}

export interface TransitVerdict {
  hops: PathHop[];
  fault?: TransitFault;
}

/** Where the traffic is going: a CIDR, and the subnet (its zone, its VPC) when it is inside this input. */
export interface TransitDestination {
  cidr: string;
  subnet?: Subnet;
  vpcId?: string;
  /** A client network outside AWS: it leaves at a VPN or Direct Connect attachment. */
  onPremises: boolean;
}

/** A route of a table, listed or derived from a propagation; `announced` = learned over BGP from outside AWS. */
interface TableRoute extends TransitGatewayRoute {
  announced?: boolean;
}

/** Routes of one table, derived once: the listed ones plus what each propagating attachment installs. */
export interface TableRoutes {
  routes: TableRoute[];
  /** VPC CIDRs not propagated because another propagating VPC's CIDR overlaps them. */
  overlapping: { cidr: string; attachmentId: string; overlapsWith: string }[];
  /** The known routes parsed once, best first: a lookup takes the first that matches (10,000 routes, 500 VPCs). */
  ranked: RankedRoute[];
  /** Lookups already made, by destination: many clients and zones ask the same table the same question. */
  answers: Map<string, { route: TableRoute | undefined; blackhole: TableRoute | undefined }>;
}

interface RankedRoute {
  route: TableRoute;
  start: number;
  end: number;
  /** Longest prefix first, a static route over a propagated one of the same prefix; BGP-announced routes last. */
  rank: number;
}

export function tableRoutes(index: TopologyIndex, table: TransitGatewayRouteTable): TableRoutes {
  const routes: TableRoute[] = [...table.routes];
  const overlapping: TableRoutes['overlapping'] = [];
  const vpcCidrs: { cidr: string; attachmentId: string }[] = [];
  for (const id of table.propagatingAttachmentIds) {
    const attachment = index.transitGatewayAttachment(id);
    if (attachment === undefined) continue;
    if (attachment.kind === 'vpc') {
      for (const cidr of index.vpc(attachment.vpcId)?.cidrBlocks ?? []) {
        if (!isUnknown(cidr)) vpcCidrs.push({ cidr, attachmentId: id });
      }
    } else if (attachment.kind === 'vpn') {
      const connection = index.vpnConnection(attachment.vpnConnectionId);
      if (connection?.staticRoutesOnly) {
        for (const cidr of connection.staticRoutes) {
          if (!isUnknown(cidr))
            routes.push({ destination: cidr, attachmentIds: [id], type: 'propagated', state: 'active' });
        }
      } else {
        routes.push({
          destination: '0.0.0.0/0',
          attachmentIds: [id],
          type: 'propagated',
          state: 'active',
          announced: true,
        });
      }
    } else if (attachment.kind === 'direct-connect') {
      routes.push({
        destination: '0.0.0.0/0',
        attachmentIds: [id],
        type: 'propagated',
        state: 'active',
        announced: true,
      });
    }
  }
  // Overlapping VPC CIDRs: only one of them can be propagated, and which one is not knowable: neither counts.
  for (const entry of vpcCidrs) {
    const other = vpcCidrs.find((o) => o.attachmentId !== entry.attachmentId && cidrsOverlap(o.cidr, entry.cidr));
    if (other) overlapping.push({ ...entry, overlapsWith: other.attachmentId });
    else
      routes.push({
        destination: entry.cidr,
        attachmentIds: [entry.attachmentId],
        type: 'propagated',
        state: 'active',
      });
  }
  return { routes, overlapping, ranked: rankRoutes(routes), answers: new Map() };
}

function rankRoutes(routes: TableRoute[]): RankedRoute[] {
  const ranked: RankedRoute[] = [];
  for (const route of routes) {
    if (route.announced) {
      ranked.push({ route, start: 0, end: 0xffffffff, rank: 0 });
      continue;
    }
    const block = isUnknown(route.destination) ? undefined : parseCidr(route.destination);
    if (block === undefined) continue;
    ranked.push({
      route,
      start: block.start,
      end: block.end,
      rank: block.prefix * 2 + (route.type === 'static' ? 1 : 0) + 1,
    });
  }
  // A stable sort: among routes of one rank, the first listed wins, as before.
  return ranked.sort((a, b) => b.rank - a.rank);
}

/**
 * The route for `cidr`: longest prefix first, a static route over a propagated one of the same prefix. Routes
 * announced over BGP stand for the on-premises networks only, below every route the input lists.
 */
function lookup(ranked: RankedRoute[], destination: TransitDestination, block: Ipv4Block | undefined) {
  for (const entry of ranked) {
    if (entry.route.announced ? destination.onPremises : block && entry.start <= block.start && block.end <= entry.end)
      return entry.route;
  }
  return undefined;
}

/** The route for the destination, and a blackhole for it or for a part of it (which wins for those addresses). */
function answer(derived: TableRoutes, destination: TransitDestination) {
  const key = `${destination.cidr} ${destination.onPremises}`;
  let found = derived.answers.get(key);
  if (found === undefined) {
    const block = parseCidr(destination.cidr);
    const route = lookup(derived.ranked, destination, block);
    const narrower =
      block === undefined
        ? undefined
        : derived.ranked.find(
            ({ route: r, start, end }) =>
              r.state === 'blackhole' &&
              !r.announced &&
              block.start <= start &&
              end <= block.end &&
              !(start <= block.start && block.end <= end),
          )?.route;
    found = { route, blackhole: route?.state === 'blackhole' ? route : narrower };
    derived.answers.set(key, found);
  }
  return found;
}

const zoneOf = (subnet: Subnet | undefined) => subnet?.availabilityZone;

/** The zones an attachment has a subnet in; `undefined` when a subnet's zone is not known (nothing to judge). */
function attachmentZones(index: TopologyIndex, attachment: TransitGatewayAttachment): string[] | undefined {
  const zones = attachment.subnetIds.map((id) => zoneOf(index.subnet(id)));
  return zones.every((z) => z !== undefined) ? (zones as string[]) : undefined;
}

function zoneFault(attachment: TransitGatewayAttachment, subnet: Subnet, zones: string[], role: string): TransitFault {
  return {
    rule: 'CFTP-NET-034',
    resource: attachment,
    message: `Transit gateway attachment ${attachment.id} of ${attachment.vpcId} has no subnet in ${subnet.availabilityZone}, the zone of ${role}: resources in a zone without an attachment subnet cannot reach the transit gateway.`,
    remediation: `Add a subnet in ${subnet.availabilityZone} of ${attachment.vpcId} to SubnetIds of ${attachment.id} (one subnet per zone the endpoint or the clients use).`,
    evidence: {
      attachment: attachment.id,
      subnet: subnet.id,
      availabilityZone: subnet.availabilityZone,
      attachmentZones: zones,
    },
  };
}

/** Where traffic enters the transit gateway: a subnet of an attached VPC, or an attachment (VPN, Direct Connect). */
export type TransitSource = { subnet: Subnet } | { attachment: TransitGatewayAttachment };

/** Follows traffic from `source` through transit gateway `gatewayId` to `destination`; a fault names its rule. */
export function throughTransitGateway(
  index: TopologyIndex,
  gatewayId: string,
  source: TransitSource,
  destination: TransitDestination,
  role: { source: string; destination: string },
): TransitVerdict | undefined {
  const gateway = index.transitGateway(gatewayId);
  if (gateway === undefined) return undefined; // Not in this input: nothing to follow.
  const hops: PathHop[] = [
    { kind: 'transit-gateway', id: gateway.id, label: `transit gateway ${gateway.id}`, ok: true },
  ];
  const fail = (hop: Omit<PathHop, 'ok' | 'rule'>, fault: TransitFault): TransitVerdict => ({
    hops: [...hops, { ...hop, ok: false, rule: fault.rule }],
    fault,
  });
  let entry: TransitGatewayAttachment | undefined;
  if ('attachment' in source) entry = source.attachment;
  else {
    const subnet = source.subnet;
    entry = index.attachmentsOfVpc(gateway.id, subnet.vpcId)[0];
    if (entry === undefined) {
      return fail(
        { kind: 'tgw-attachment', id: subnet.vpcId, label: `no attachment of ${subnet.vpcId}` },
        {
          rule: 'CFTP-NET-034',
          resource: gateway,
          message: `VPC ${subnet.vpcId} of ${role.source} ${subnet.id} routes to transit gateway ${gateway.id} but is not attached to it.`,
          remediation: `Attach ${subnet.vpcId} to ${gateway.id} (AWS::EC2::TransitGatewayVpcAttachment) with a subnet in every zone it uses.`,
          evidence: { transitGateway: gateway.id, vpc: subnet.vpcId, subnet: subnet.id },
        },
      );
    }
    const zones = attachmentZones(index, entry);
    if (zones && subnet.availabilityZone && !zones.includes(subnet.availabilityZone)) {
      return fail(
        {
          kind: 'tgw-attachment',
          id: entry.id,
          label: `attachment ${entry.id}: no subnet in ${subnet.availabilityZone}`,
        },
        zoneFault(entry, subnet, zones, role.source),
      );
    }
  }
  hops.push({ kind: 'tgw-attachment', id: entry.id, label: `attachment ${entry.id} (${entry.kind})`, ok: true });
  const table = index.transitGatewayRouteTableOf(entry.id);
  if (table === undefined)
    return fail(
      { kind: 'tgw-route-table', id: entry.id, label: 'no route table associated' },
      notAssociated(gateway, entry),
    );
  const derived = index.transitGatewayRoutes(table);
  const { routes, overlapping } = derived;
  const { route, blackhole } = answer(derived, destination);
  if (blackhole) {
    const part = String(blackhole.destination);
    return fail(
      { kind: 'tgw-route-table', id: table.id, label: `${part}: blackhole` },
      {
        rule: 'CFTP-NET-031',
        resource: table,
        message: `Transit gateway route table ${table.id} drops ${part} (a blackhole route), on the path from ${role.source} to ${role.destination} at ${destination.cidr}.`,
        remediation: `Remove the blackhole route for ${part} from ${table.id}, or replace it with a route to the attachment of ${role.destination}.`,
        evidence: {
          transitGatewayRouteTable: table.id,
          blackhole: part,
          destination: destination.cidr,
          attachment: entry.id,
        },
      },
    );
  }
  if (route === undefined) {
    const overlap = overlapping.find(
      (o) => cidrContains(o.cidr, destination.cidr) || cidrContains(destination.cidr, o.cidr),
    );
    if (overlap) {
      return fail(
        { kind: 'tgw-route-table', id: table.id, label: `${overlap.cidr}: not propagated (overlap)` },
        {
          rule: 'CFTP-NET-035',
          resource: table,
          message: `Transit gateway route table ${table.id} gets no propagated route for ${overlap.cidr} of ${overlap.attachmentId}: it overlaps a CIDR of ${overlap.overlapsWith}, which propagates into the same table.`,
          remediation: `Give the VPCs behind ${gateway.id} CIDRs that do not overlap, or add a static route for ${destination.cidr} to ${table.id} and propagate the two VPCs into different route tables.`,
          evidence: { transitGatewayRouteTable: table.id, ...overlap, destination: destination.cidr },
        },
      );
    }
    return fail(
      { kind: 'tgw-route-table', id: table.id, label: `no route for ${destination.cidr}` },
      missingRoute(gateway, table, destination, role, routes),
    );
  }
  const exit = route.attachmentIds.map((id) => index.transitGatewayAttachment(id)).find((a) => a !== undefined);
  const how = route.announced ? 'announced over BGP' : `${route.type} ${String(route.destination)}`;
  hops.push({ kind: 'tgw-route-table', id: table.id, label: `${how} -> ${route.attachmentIds.join(', ')}`, ok: true });
  if (exit === undefined) return { hops }; // An attachment outside this input: followed no further.
  if (exit.kind === 'peering') {
    hops.push({
      kind: 'tgw-peering',
      id: exit.id,
      label: `peering to ${exit.peerTransitGatewayId ?? 'another transit gateway'}${exit.peerRegion ? ` (${exit.peerRegion})` : ''}: not followed`,
      ok: true,
    });
    return { hops };
  }
  if (exit.kind === 'vpn' || exit.kind === 'direct-connect') {
    if (!destination.onPremises) {
      return fail(
        { kind: 'tgw-attachment', id: exit.id, label: `${exit.kind} attachment, not ${role.destination}` },
        missingRoute(gateway, table, destination, role, routes, route),
      );
    }
    hops.push({ kind: 'aws-edge', id: exit.id, label: `${exit.kind} attachment ${exit.id}: the AWS edge`, ok: true });
    return { hops };
  }
  if (destination.vpcId !== undefined && exit.vpcId !== destination.vpcId) {
    return fail(
      { kind: 'tgw-attachment', id: exit.id, label: `attachment ${exit.id} of ${exit.vpcId}` },
      missingRoute(gateway, table, destination, role, routes, route),
    );
  }
  const zones = attachmentZones(index, exit);
  const subnet = destination.subnet;
  if (zones && subnet?.availabilityZone && !zones.includes(subnet.availabilityZone)) {
    return fail(
      { kind: 'tgw-attachment', id: exit.id, label: `attachment ${exit.id}: no subnet in ${subnet.availabilityZone}` },
      zoneFault(exit, subnet, zones, role.destination),
    );
  }
  hops.push({ kind: 'tgw-attachment', id: exit.id, label: `attachment ${exit.id} (${exit.vpcId})`, ok: true });
  return { hops };
}

function notAssociated(gateway: TransitGateway, attachment: TransitGatewayAttachment): TransitFault {
  const defaults = gateway.defaultRouteTableAssociation
    ? `; default association is enabled on ${gateway.id} but its default route table is not in the input`
    : `, and DefaultRouteTableAssociation is disabled on ${gateway.id}`;
  return {
    rule: 'CFTP-NET-033',
    resource: attachment,
    message: `Transit gateway attachment ${attachment.id} is associated with no route table${defaults}: the transit gateway drops everything it brings in.`,
    remediation: `Associate ${attachment.id} with a route table of ${gateway.id} (AWS::EC2::TransitGatewayRouteTableAssociation), or enable DefaultRouteTableAssociation.`,
    evidence: {
      attachment: attachment.id,
      transitGateway: gateway.id,
      defaultRouteTableAssociation: gateway.defaultRouteTableAssociation,
    },
  };
}

function missingRoute(
  gateway: TransitGateway,
  table: TransitGatewayRouteTable,
  destination: TransitDestination,
  role: { source: string; destination: string },
  routes: TableRoute[],
  wrong?: TableRoute,
): TransitFault {
  const target = destination.vpcId
    ? `the attachment of ${destination.vpcId} to ${gateway.id}`
    : 'the attachment the client network enters by';
  return {
    rule: 'CFTP-NET-032',
    resource: table,
    message: wrong
      ? `Transit gateway route table ${table.id} sends ${destination.cidr} (${role.destination}) to ${wrong.attachmentIds.join(', ')}, not to its attachment.`
      : `Transit gateway route table ${table.id} has no route for ${destination.cidr} (${role.destination}): no propagation from its attachment and no static route.`,
    remediation: `Propagate ${target} into ${table.id} (AWS::EC2::TransitGatewayRouteTablePropagation) or add a static route for ${destination.cidr} to it (AWS::EC2::TransitGatewayRoute).`,
    evidence: {
      transitGatewayRouteTable: table.id,
      destination: destination.cidr,
      routes: routes
        .filter((r) => !r.announced)
        .map((r) => ({ destination: r.destination, attachments: r.attachmentIds, type: r.type })),
      ...(wrong ? { matchedRoute: { destination: wrong.destination, attachments: wrong.attachmentIds } } : {}),
    },
  };
}
