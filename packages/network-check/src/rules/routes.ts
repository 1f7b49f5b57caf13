import { cidrContains } from '../analysis/cidr.js';
import type { Client, TopologyIndex } from '../analysis/topology-index.js';
import { isUnknown, type Route, type RouteTable, type Subnet, type TransferServer } from '../model.js';
import { ftpServers, type Rule, type RuleContext } from './rule.js';

type Verdict =
  | { ok: true }
  | { ok: false; reason: string; route?: Route; rule?: 'CFTP-NET-030'; evidence?: Record<string, unknown> };

/** Whether `route` carries traffic between the client and the server VPC. */
function judge(route: Route | undefined, index: TopologyIndex, from: string, to: string | undefined): Verdict {
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
  if (kind === 'transit-gateway' || kind === 'vpn-gateway' || kind === 'other') return { ok: true };
  return { ok: false, reason: `it goes to the ${kind} ${id}`, route };
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
function judgePath(
  index: TopologyIndex,
  table: RouteTable,
  cidr: string,
  from: string,
  to: string | undefined,
): Verdict {
  const route = index.lookupRoute(table, cidr);
  // A VPC's own local route is not a way out: past it, what the VPN gateway propagates decides.
  const own = route === undefined || (!isUnknown(route.target) && route.target.kind === 'local' && from !== to);
  const learned = own ? propagated(index, table, cidr) : undefined;
  if (learned) return learned;
  const covering = judge(route, index, from, to);
  if (!covering.ok) return covering;
  for (const route of index.narrowerRoutes(table, cidr)) {
    const verdict = judge(route, index, from, to);
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
  if (verdict.rule === 'CFTP-NET-030') {
    const [vpnGateway] = (verdict.evidence?.vpnGateways as string[] | undefined) ?? [];
    context.report({
      id: 'CFTP-NET-030',
      resource: table,
      message: `Route table ${table.id} of endpoint subnet ${subnet.id} learns no route back to client ${client.name} at ${destination}: ${verdict.reason}.`,
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

/** CFTP-NET-011..013: routes both ways between every client subnet and every endpoint subnet. */
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
    for (const client of index.clients(server)) {
      if (isUnknown(client.cidr) || client.vpcId === serverVpcId) continue;
      for (const endpointSubnet of index.endpointSubnets(server)) {
        if (isUnknown(endpointSubnet.cidrBlock)) continue;
        if (client.subnet) {
          const table = index.routeTableOf(client.subnet);
          if (table && once(`011 ${table.id} ${endpointSubnet.cidrBlock}`)) {
            const verdict = judgePath(index, table, endpointSubnet.cidrBlock, client.subnet.vpcId, serverVpcId);
            reportPath(
              context,
              'CFTP-NET-011',
              server,
              table,
              client.subnet,
              endpointSubnet.cidrBlock,
              verdict,
              client,
            );
          }
        }
        const table = index.routeTableOf(endpointSubnet);
        if (table && once(`012 ${table.id} ${client.cidr}`)) {
          const verdict = judgePath(index, table, client.cidr, endpointSubnet.vpcId, client.vpcId);
          reportPath(context, 'CFTP-NET-012', server, table, endpointSubnet, client.cidr, verdict, client);
        }
      }
    }
  }
};
