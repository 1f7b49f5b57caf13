import { cidrContains } from '../analysis/cidr.js';
import type { Client, TopologyIndex } from '../analysis/topology-index.js';
import { type TransitDestination, type TransitFault, throughTransitGateway } from '../analysis/transit-gateways.js';
import { isUnknown, type Route, type RouteTable, type Subnet, type TransferServer } from '../model.js';
import { ftpServers, type Rule, type RuleContext } from './rule.js';

type Verdict =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      route?: Route;
      rule?: 'CFTP-NET-030';
      evidence?: Record<string, unknown>;
      /** A fault past the VPC route table, inside a transit gateway (CFTP-NET-031..035). */
      transit?: TransitFault;
    };

/** One direction of a path: from a subnet towards a destination, with the names reports use for both ends. */
export interface Leg {
  from: Subnet;
  /** The destination's VPC when it is in the input. */
  to: string | undefined;
  destination: TransitDestination;
  role: { source: string; destination: string };
}

/** Whether `route` carries traffic between the client and the server VPC. */
function judge(route: Route | undefined, index: TopologyIndex, leg: Leg): Verdict {
  const from = leg.from.vpcId;
  const to = leg.to;
  if (route === undefined) return { ok: false, reason: 'no route covers it' };
  if (route.state === 'blackhole') return { ok: false, reason: 'blackhole', route };
  if (isUnknown(route.target)) return { ok: true };
  const { kind, id } = route.target;
  if (kind === 'local')
    return from === to ? { ok: true } : { ok: false, reason: 'only the local route covers it', route };
  if (kind === 'peering') {
    if (to === undefined) return { ok: true };
    const known = index.topology.peeringConnections.find((p) => p.id === id);
    if (known === undefined || index.peeringsBetween(from, to).includes(known)) return { ok: true };
    return { ok: false, reason: `${id} peers other VPCs (${known.requesterVpcId}, ${known.accepterVpcId})`, route };
  }
  if (kind === 'transit-gateway') {
    const verdict = throughTransitGateway(index, id, { subnet: leg.from }, leg.destination, leg.role);
    if (verdict?.fault === undefined) return { ok: true };
    return { ok: false, reason: verdict.fault.message, route, transit: verdict.fault };
  }
  if (kind === 'vpn-gateway') return judgeVpnGateway(index, id, route, leg);
  if (kind === 'other') return { ok: true };
  return { ok: false, reason: `it goes to the ${kind} ${id}`, route };
}

/** A route to a VPN gateway: the gateway must be attached to this VPC and lead to an on-premises network. */
function judgeVpnGateway(index: TopologyIndex, id: string, route: Route, leg: Leg): Verdict {
  const gateway = index.vpnGateway(id);
  if (gateway === undefined) return { ok: true }; // Not in this input: nothing to follow.
  if (gateway.vpcId !== undefined && gateway.vpcId !== leg.from.vpcId) {
    return { ok: false, reason: `VPN gateway ${id} is attached to ${gateway.vpcId}, not to ${leg.from.vpcId}`, route };
  }
  if (leg.to !== undefined) return { ok: false, reason: `it goes to VPN gateway ${id}, not to ${leg.to}`, route };
  const connections = index.vpnConnectionsOf(id);
  // Static routing everywhere and no static route for the network: the gateway has nowhere to send it.
  if (connections.length === 0 || connections.some((c) => !c.staticRoutesOnly)) return { ok: true };
  const cidr = leg.destination.cidr;
  if (connections.some((c) => c.staticRoutes.some((r) => isUnknown(r) || cidrContains(r, cidr)))) return { ok: true };
  return {
    ok: false,
    rule: 'CFTP-NET-030',
    route,
    reason: `it goes to VPN gateway ${id}, but its static-routing VPN connections (${connections.map((c) => c.id).join(', ')}) have no static route covering ${cidr}`,
    evidence: {
      vpnGateways: [id],
      vpnConnections: connections.map((c) => ({
        id: c.id,
        staticRoutesOnly: c.staticRoutesOnly,
        staticRoutes: c.staticRoutes,
      })),
    },
  };
}

/**
 * Without a route of its own the table may still learn one from a VPN gateway propagating into it: with BGP the
 * on-premises side announces it (outside AWS, taken as given), with static routing a VPN static route must cover it.
 * `undefined`: no gateway attached to this VPC propagates here.
 */
function propagated(index: TopologyIndex, table: RouteTable, cidr: string): Verdict | undefined {
  const gateways = (table.propagatingVpnGateways ?? [])
    .map((id) => index.vpnGateway(id))
    .filter((g) => g !== undefined && g.vpcId === table.vpcId);
  if (gateways.length === 0) return undefined;
  const connections = gateways.flatMap((g) => index.vpnConnectionsOf(g!.id));
  const learned = connections.some(
    (c) => !c.staticRoutesOnly || c.staticRoutes.some((r) => isUnknown(r) || cidrContains(r, cidr)),
  );
  if (learned) return { ok: true };
  const names = gateways.map((g) => g!.id).join(', ');
  return {
    ok: false,
    rule: 'CFTP-NET-030',
    reason:
      connections.length === 0
        ? `VPN gateway ${names} propagates into it but has no VPN connection`
        : `VPN gateway ${names} propagates into it, but its static-routing VPN connections (${connections.map((c) => c.id).join(', ')}) have no static route covering ${cidr}`,
    evidence: {
      vpnGateways: gateways.map((g) => g!.id),
      vpnConnections: connections.map((c) => ({
        id: c.id,
        staticRoutesOnly: c.staticRoutesOnly,
        staticRoutes: c.staticRoutes,
      })),
    },
  };
}

/** The covering route decides, except for the parts of `cidr` that narrower routes send elsewhere. */
function judgePath(index: TopologyIndex, table: RouteTable, leg: Leg): Verdict {
  const cidr = leg.destination.cidr;
  const route = index.lookupRoute(table, cidr);
  // A VPC's own local route is not a way out: past it, what the VPN gateway propagates decides.
  const own =
    route === undefined || (!isUnknown(route.target) && route.target.kind === 'local' && leg.from.vpcId !== leg.to);
  const learned = own ? propagated(index, table, cidr) : undefined;
  if (learned) return learned;
  const covering = judge(route, index, leg);
  if (!covering.ok) return covering;
  for (const route of index.narrowerRoutes(table, cidr)) {
    const verdict = judge(route, index, leg);
    if (verdict.ok) continue;
    const part = String(route.destination);
    return verdict.reason === 'blackhole'
      ? verdict
      : { ...verdict, reason: `for ${part} within it, ${verdict.reason}` };
  }
  return covering;
}

function reportPath(
  context: RuleContext,
  id: 'CFTP-NET-011' | 'CFTP-NET-012',
  server: TransferServer,
  table: RouteTable,
  subnet: Subnet,
  destination: string,
  verdict: Verdict,
  client: Client,
) {
  if (verdict.ok) return;
  const evidence = {
    routeTable: table.id,
    subnet: subnet.id,
    destination,
    client: client.name,
    ...(verdict.route ? { matchedRoute: verdict.route } : {}),
  };
  if (verdict.transit) {
    context.report({
      id: verdict.transit.rule,
      resource: verdict.transit.resource,
      message: verdict.transit.message,
      evidence: { ...evidence, ...verdict.transit.evidence },
      remediation: verdict.transit.remediation,
    });
    return;
  }
  if (verdict.rule === 'CFTP-NET-030') {
    const [vpnGateway] = (verdict.evidence?.vpnGateways as string[] | undefined) ?? [];
    context.report({
      id: 'CFTP-NET-030',
      resource: table,
      message: `Route table ${table.id} of endpoint subnet ${subnet.id} has no working route back to client ${client.name} at ${destination}: ${verdict.reason}.`,
      evidence: { ...evidence, ...verdict.evidence },
      remediation: `Add a VPN static route for ${destination} (AWS::EC2::VPNConnectionRoute) to a VPN connection of ${vpnGateway}, or announce ${destination} over BGP from the customer gateway.`,
    });
    return;
  }
  if (verdict.reason === 'blackhole') {
    context.report({
      id: 'CFTP-NET-013',
      resource: table,
      message: `Route table ${table.id} (subnet ${subnet.id}) sends ${String(verdict.route?.destination ?? destination)} to a blackhole route, on the path between ${client.name} and ${server.id}.`,
      evidence,
    });
    return;
  }
  const direction =
    id === 'CFTP-NET-011'
      ? `client subnet ${subnet.id} to endpoint subnet`
      : `endpoint subnet ${subnet.id} back to client ${client.name} at`;
  context.report({
    id,
    resource: table,
    message: `Route table ${table.id} gives no path from ${direction} ${destination}: ${verdict.reason}.`,
    evidence,
  });
}

/** CFTP-NET-011..013 (and 030..035 past a VPN or transit gateway): routes both ways between every client subnet and every endpoint subnet. */
export const routes: Rule = (context) => {
  const { topology, index } = context;
  const seen = new Set<string>();
  const once = (key: string) => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  for (const server of ftpServers(topology)) {
    const serverVpcId = index.serverVpcId(server);
    const endpointSubnets = index.endpointSubnets(server);
    for (const client of index.clients(server)) {
      if (isUnknown(client.cidr) || client.vpcId === serverVpcId) continue;
      const clientCidr = client.cidr;
      const onPremises = client.subnet === undefined && index.outsideVpcs(clientCidr);
      for (const endpointSubnet of endpointSubnets) {
        if (isUnknown(endpointSubnet.cidrBlock)) continue;
        const endpointCidr = endpointSubnet.cidrBlock;
        const toEndpoint: TransitDestination = {
          cidr: endpointCidr,
          subnet: endpointSubnet,
          ...(serverVpcId ? { vpcId: serverVpcId } : {}),
          onPremises: false,
        };
        const names = { source: `client ${client.name}`, destination: `endpoint subnet ${endpointSubnet.id}` };
        if (client.subnet) {
          const table = index.routeTableOf(client.subnet);
          if (table && once(`011 ${table.id} ${client.subnet.availabilityZone} ${endpointCidr}`)) {
            const leg: Leg = { from: client.subnet, to: serverVpcId, destination: toEndpoint, role: names };
            const verdict = judgePath(index, table, leg);
            reportPath(context, 'CFTP-NET-011', server, table, client.subnet, endpointCidr, verdict, client);
          }
        } else if (once(`entry ${client.name} ${endpointSubnet.id}`)) {
          enteringClient(context, client, endpointSubnets, toEndpoint, names);
        }
        const table = index.routeTableOf(endpointSubnet);
        if (table && once(`012 ${table.id} ${endpointSubnet.availabilityZone} ${clientCidr}`)) {
          const leg: Leg = {
            from: endpointSubnet,
            to: client.vpcId,
            destination: {
              cidr: clientCidr,
              ...(client.subnet ? { subnet: client.subnet } : {}),
              ...(client.vpcId ? { vpcId: client.vpcId } : {}),
              onPremises,
            },
            role: { source: `endpoint subnet ${endpointSubnet.id}`, destination: `client ${client.name}` },
          };
          const verdict = judgePath(index, table, leg);
          reportPath(context, 'CFTP-NET-012', server, table, endpointSubnet, clientCidr, verdict, client);
        }
      }
    }
  }
};

/** A declared client network entering through a transit gateway attachment: its way in to the endpoint subnet. */
function enteringClient(
  context: RuleContext,
  client: Client,
  endpointSubnets: Subnet[],
  toEndpoint: TransitDestination,
  names: Leg['role'],
): void {
  const entry = context.index.entryOf(client, endpointSubnets);
  if (entry?.kind !== 'transit-gateway-attachment') return;
  const { attachment } = entry;
  const verdict = throughTransitGateway(context.index, attachment.transitGatewayId, { attachment }, toEndpoint, names);
  const fault = verdict?.fault;
  if (fault === undefined) return;
  context.report({
    id: fault.rule,
    resource: fault.resource,
    message: fault.message,
    evidence: { client: client.name, entersBy: attachment.id, destination: toEndpoint.cidr, ...fault.evidence },
    remediation: fault.remediation,
  });
}
