// The VPN and transit gateway hops of one client network's path to an endpoint and back, for the HTML diagram:
// the same hop-by-hop evaluation the route rules make, kept as a list of hops.
import { isUnknown, type Subnet, type TransferServer } from '../model.js';
import type { Client, TopologyIndex } from './topology-index.js';
import { type PathHop, type TransitDestination, throughTransitGateway } from './transit-gateways.js';

export interface GatewayHops {
  /** Client -> endpoint, past the client's route table (or from where a declared network enters AWS). */
  forward: PathHop[];
  /** Endpoint -> client, past the endpoint subnet's route table. */
  back: PathHop[];
}

function hopsByRoute(
  index: TopologyIndex,
  from: Subnet,
  destination: TransitDestination,
  role: { source: string; destination: string },
): PathHop[] {
  const table = index.routeTableOf(from);
  const route = table && index.lookupRoute(table, destination.cidr);
  if (route === undefined || isUnknown(route.target)) return [];
  const { kind, id } = route.target;
  if (kind === 'transit-gateway')
    return throughTransitGateway(index, id, { subnet: from }, destination, role)?.hops ?? [];
  if (kind === 'vpn-gateway') return [{ kind: 'vpn-gateway', id, label: `VPN gateway ${id}: the AWS edge`, ok: true }];
  return [];
}

/** The first failing evaluation over the endpoint subnets, else the first one: what the diagram shows. */
function pick(current: PathHop[], next: PathHop[]): PathHop[] {
  if (current.length === 0) return next;
  return current.every((h) => h.ok) && next.some((h) => !h.ok) ? next : current;
}

export function gatewayHops(index: TopologyIndex, server: TransferServer, client: Client): GatewayHops {
  const hops: GatewayHops = { forward: [], back: [] };
  if (isUnknown(client.cidr)) return hops;
  const serverVpcId = index.serverVpcId(server);
  const endpointSubnets = index.endpointSubnets(server);
  const entry = client.subnet ? undefined : index.entryOf(client, endpointSubnets);
  for (const subnet of endpointSubnets) {
    if (isUnknown(subnet.cidrBlock)) continue;
    const toEndpoint: TransitDestination = {
      cidr: subnet.cidrBlock,
      subnet,
      ...(serverVpcId ? { vpcId: serverVpcId } : {}),
      onPremises: false,
    };
    const there = { source: `client ${client.name}`, destination: `endpoint subnet ${subnet.id}` };
    let forward: PathHop[] = [];
    if (client.subnet) forward = hopsByRoute(index, client.subnet, toEndpoint, there);
    else if (entry?.kind === 'transit-gateway-attachment') {
      const { attachment } = entry;
      forward = [
        {
          kind: 'aws-edge',
          id: attachment.id,
          label: `enters AWS by ${attachment.kind} attachment ${attachment.id}`,
          ok: true,
        },
        ...(throughTransitGateway(index, attachment.transitGatewayId, { attachment }, toEndpoint, there)?.hops ?? []),
      ];
    } else if (entry?.kind === 'vpn-gateway') {
      const ok = entry.vpcId === undefined || entry.vpcId === serverVpcId;
      forward = [{ kind: 'vpn-gateway', id: entry.id, label: `enters AWS by VPN gateway ${entry.id}`, ok }];
    }
    const back = hopsByRoute(
      index,
      subnet,
      {
        cidr: client.cidr,
        ...(client.subnet ? { subnet: client.subnet } : {}),
        ...(client.vpcId ? { vpcId: client.vpcId } : {}),
        onPremises: client.subnet === undefined && index.outsideVpcs(client.cidr),
      },
      { source: `endpoint subnet ${subnet.id}`, destination: `client ${client.name}` },
    );
    hops.forward = pick(hops.forward, forward);
    hops.back = pick(hops.back, back);
  }
  return hops;
}
