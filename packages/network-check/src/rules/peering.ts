import { cidrsOverlap } from '../analysis/cidr.js';
import type { Client, TopologyIndex } from '../analysis/topology-index.js';
import { isUnknown, type Vpc } from '../model.js';
import { ftpServers, type Rule } from './rule.js';

/**
 * The gateway a client VPC's route to the server VPC leads to, when it is a transit or VPN gateway: then the path is
 * not a peering (routes.ts follows it hop by hop) and CFTP-NET-009 has nothing to say.
 */
function gatewayRoute(
  index: TopologyIndex,
  client: Client,
  serverVpc: Vpc,
): 'transit-gateway' | 'vpn-gateway' | undefined {
  const table = client.subnet && index.routeTableOf(client.subnet);
  if (table === undefined) return undefined;
  for (const cidr of serverVpc.cidrBlocks) {
    if (isUnknown(cidr)) continue;
    const route = index.lookupRoute(table, cidr);
    if (
      route &&
      !isUnknown(route.target) &&
      (route.target.kind === 'transit-gateway' || route.target.kind === 'vpn-gateway')
    ) {
      return route.target.kind;
    }
  }
  return undefined;
}

/**
 * CFTP-NET-009..010: every client VPC is peered with the server VPC, actively, without overlapping CIDRs; behind a
 * transit gateway overlapping CIDRs are CFTP-NET-035.
 */
export const peering: Rule = ({ topology, index, report }) => {
  const seen = new Set<string>();
  for (const server of ftpServers(topology)) {
    const serverVpc = index.vpc(index.serverVpcId(server));
    if (serverVpc === undefined) continue;
    for (const client of index.clients(server)) {
      const clientVpc = index.vpc(client.vpcId);
      if (clientVpc === undefined || clientVpc.id === serverVpc.id || seen.has(clientVpc.id)) continue;
      seen.add(clientVpc.id);
      const connections = index.peeringsBetween(clientVpc.id, serverVpc.id);
      const active = connections.find((p) => p.status === 'active');
      const gateway = connections.length === 0 ? gatewayRoute(index, client, serverVpc) : undefined;
      if (active === undefined && gateway === undefined) {
        report({
          id: 'CFTP-NET-009',
          resource: connections[0] ?? clientVpc,
          message:
            connections.length === 0
              ? `Client VPC ${clientVpc.id} has no peering connection with server VPC ${serverVpc.id}.`
              : `Peering connection ${connections[0]!.id} between ${clientVpc.id} and ${serverVpc.id} is ${connections[0]!.status}.`,
          evidence: {
            clientVpc: clientVpc.id,
            serverVpc: serverVpc.id,
            peerings: connections.map((p) => ({ id: p.id, status: p.status })),
          },
          remediation:
            connections.length === 0
              ? `Create a VPC peering connection between ${clientVpc.id} and ${serverVpc.id} and accept it (for another account: PeerOwnerId and PeerRoleArn, or accept it in the peer account).`
              : `Accept peering connection ${connections[0]!.id} (in the accepter account, or give PeerRoleArn), or replace it with an active one.`,
        });
      }
      const overlaps = clientVpc.cidrBlocks.flatMap((a) =>
        serverVpc.cidrBlocks
          .filter((b) => !isUnknown(a) && !isUnknown(b) && cidrsOverlap(a, b))
          .map((b) => `${a} / ${b}`),
      );
      if (overlaps.length > 0 && gateway === 'transit-gateway') {
        report({
          id: 'CFTP-NET-035',
          resource: clientVpc,
          message: `Client VPC ${clientVpc.id} and server VPC ${serverVpc.id} overlap (${overlaps.join(', ')}) behind a transit gateway: their routes are not both propagated, and the server VPC's local route keeps the replies to the client.`,
          evidence: { clientVpc: clientVpc.id, serverVpc: serverVpc.id, overlapping: overlaps },
          remediation: `Give ${clientVpc.id} a CIDR that does not overlap ${serverVpc.id}'s (${overlaps.join(', ')}).`,
        });
      } else if (overlaps.length > 0) {
        report({
          id: 'CFTP-NET-010',
          resource: connections[0] ?? clientVpc,
          message: `Client VPC ${clientVpc.id} and server VPC ${serverVpc.id} have overlapping CIDR blocks (${overlaps.join(', ')}).`,
          evidence: { clientVpc: clientVpc.id, serverVpc: serverVpc.id, overlapping: overlaps },
        });
      }
    }
  }
};
