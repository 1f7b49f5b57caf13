import { aclDenials } from '../analysis/network-acls.js';
import { EPHEMERAL, FTP_CONTROL, FTP_PASSIVE, formatPorts, type PortRange } from '../analysis/ports.js';
import { isUnknown, type Subnet } from '../model.js';
import { ftpServers, type Rule, type RuleContext } from './rule.js';

interface Leg {
  egress: boolean;
  ports: PortRange;
  what: string;
}

function checkLegs(
  context: RuleContext,
  id: 'CFTP-NET-014' | 'CFTP-NET-015',
  subnet: Subnet,
  peerCidr: string,
  legs: Leg[],
) {
  const acl = context.index.networkAclOf(subnet);
  if (acl === undefined) return;
  for (const leg of legs) {
    const denials = aclDenials(acl, leg.egress, peerCidr, leg.ports);
    if (denials.length === 0) continue;
    const detail = denials.map((d) => `TCP ${formatPorts(d.ports)} (rule ${d.ruleNumber})`).join(', ');
    context.report({
      id,
      resource: acl,
      message: `Network ACL ${acl.id} of subnet ${subnet.id} drops ${leg.what} ${leg.egress ? 'to' : 'from'} ${peerCidr}: ${detail}.`,
      evidence: {
        networkAcl: acl.id,
        subnet: subnet.id,
        direction: leg.egress ? 'outbound' : 'inbound',
        peer: peerCidr,
        denied: denials.map((d) => ({ ports: formatPorts(d.ports), rule: d.ruleNumber })),
      },
    });
  }
}

/** CFTP-NET-014..015: stateless ACLs allow the FTP ports one way and the ephemeral return ports the other. */
export const networkAcls: Rule = (context) => {
  const { topology, index } = context;
  const seen = new Set<string>();
  for (const server of ftpServers(topology)) {
    for (const client of index.clients(server)) {
      if (isUnknown(client.cidr)) continue;
      for (const endpointSubnet of index.endpointSubnets(server)) {
        // Traffic inside one subnet never crosses its network ACL.
        if (isUnknown(endpointSubnet.cidrBlock) || client.subnet?.id === endpointSubnet.id) continue;
        const endpointKey = `014 ${endpointSubnet.id} ${client.cidr}`;
        if (!seen.has(endpointKey)) {
          seen.add(endpointKey);
          checkLegs(context, 'CFTP-NET-014', endpointSubnet, client.cidr, [
            { egress: false, ports: FTP_CONTROL, what: 'FTP control traffic' },
            { egress: false, ports: FTP_PASSIVE, what: 'FTP data connections' },
            { egress: true, ports: EPHEMERAL, what: 'return traffic' },
          ]);
        }
        const clientKey = `015 ${client.subnet?.id} ${endpointSubnet.cidrBlock}`;
        if (client.subnet && !seen.has(clientKey)) {
          seen.add(clientKey);
          checkLegs(context, 'CFTP-NET-015', client.subnet, endpointSubnet.cidrBlock, [
            { egress: true, ports: FTP_CONTROL, what: 'FTP control traffic' },
            { egress: true, ports: FTP_PASSIVE, what: 'FTP data connections' },
            { egress: false, ports: EPHEMERAL, what: 'return traffic' },
          ]);
        }
      }
    }
  }
};
