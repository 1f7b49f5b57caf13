import { parseIpv4 } from '../analysis/cidr.js';
import { isUnknown } from '../model.js';
import { ftpServers, type Rule } from './rule.js';

/** CFTP-NET-016: a fixed PassiveIp must be an IPv4 address every client routes to. */
export const passiveIp: Rule = ({ topology, index, report }) => {
  for (const server of ftpServers(topology)) {
    const value = server.passiveIp;
    if (isUnknown(value) || value === 'AUTO' || value === '0.0.0.0') continue;
    if (parseIpv4(value) === undefined) {
      report({
        id: 'CFTP-NET-016',
        resource: server,
        message: `PassiveIp ${JSON.stringify(value)} of ${server.id} is not AUTO, 0.0.0.0 or an IPv4 address.`,
        evidence: { PassiveIp: value },
      });
      continue;
    }
    const serverVpcId = index.serverVpcId(server);
    for (const client of index.clients(server)) {
      if (!client.subnet) continue;
      const table = index.routeTableOf(client.subnet);
      const route = table && index.lookupRoute(table, `${value}/32`);
      const target = route && !isUnknown(route.target) ? route.target : undefined;
      const routable =
        route !== undefined &&
        route.state === 'active' &&
        (target === undefined ||
          (target.kind === 'local' && client.vpcId === serverVpcId) ||
          ['peering', 'transit-gateway', 'vpn-gateway', 'other'].includes(target.kind));
      if (routable) continue;
      report({
        id: 'CFTP-NET-016',
        resource: server,
        message: `Client ${client.name} has no route to PassiveIp ${value} of ${server.id}: every data connection would time out.`,
        evidence: { PassiveIp: value, client: client.name, routeTable: table?.id, matchedRoute: route },
      });
    }
  }
};
