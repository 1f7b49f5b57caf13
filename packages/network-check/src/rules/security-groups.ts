import { FTP_CONTROL, FTP_PASSIVE, formatPorts, type PortRange } from '../analysis/ports.js';
import { blockedTcpPorts } from '../analysis/security-groups.js';
import type { RuleId } from '../catalog.js';
import { isUnknown } from '../model.js';
import { ftpServers, type Rule } from './rule.js';

const INGRESS: [RuleId, PortRange][] = [
  ['CFTP-NET-005', FTP_CONTROL],
  ['CFTP-NET-006', FTP_PASSIVE],
];

/** CFTP-NET-005..007: the endpoint security groups admit the control and data ports from every client. */
export const endpointSecurityGroups: Rule = ({ topology, index, report }) => {
  for (const server of ftpServers(topology)) {
    const groupIds = index.endpointSecurityGroupIds(server);
    const groups = index.groupsOf(groupIds);
    const defaultGroup = groups.find((g) => g.isDefault);
    if (defaultGroup) {
      report({
        id: 'CFTP-NET-007',
        resource: server,
        message:
          server.securityGroupIds.length === 0
            ? `Server ${server.id} lists no SecurityGroupIds, so Transfer attaches the default security group of ${defaultGroup.vpcId}, which admits only its own members.`
            : `Server ${server.id} lists the default security group of ${defaultGroup.vpcId}, which admits only its own members.`,
        evidence: { SecurityGroupIds: server.securityGroupIds, effectiveSecurityGroup: defaultGroup.id },
      });
    }
    if (groups.length < groupIds.length) continue; // A group outside the input: its rules are unknown.
    for (const client of index.clients(server)) {
      if (isUnknown(client.cidr)) continue;
      for (const [id, ports] of INGRESS) {
        const reach = index.groupReferencesReach(client.vpcId, index.serverVpcId(server));
        const party = { cidr: client.cidr, securityGroupIds: reach ? (client.securityGroupIds ?? []) : [] };
        const blocked = blockedTcpPorts(groups, 'ingress', party, ports);
        if (blocked.length === 0) continue;
        report({
          id,
          resource: server,
          message: `No security group on the endpoint of ${server.id} admits TCP ${blocked.map(formatPorts).join(', ')} from client ${client.name} (${client.cidr}).`,
          evidence: {
            endpointSecurityGroups: groupIds,
            client: client.name,
            clientCidr: client.cidr,
            blockedPorts: blocked.map(formatPorts),
          },
          remediation: `Add an ingress rule TCP ${formatPorts(ports)} from ${client.cidr} to ${groupIds.find((g) => !index.securityGroup(g)?.isDefault) ?? 'a dedicated endpoint security group'}.`,
        });
      }
    }
  }
};

/** CFTP-NET-008: client security groups let the connections out. */
export const clientEgress: Rule = ({ topology, index, report }) => {
  for (const server of ftpServers(topology)) {
    const endpointGroups = index.endpointSecurityGroupIds(server);
    for (const client of index.clients(server)) {
      if (client.kind !== 'instance' || client.securityGroupIds === undefined) continue;
      const groups = index.groupsOf(client.securityGroupIds);
      if (groups.length < client.securityGroupIds.length) continue;
      for (const subnet of index.endpointSubnets(server)) {
        if (isUnknown(subnet.cidrBlock)) continue;
        const reach = index.groupReferencesReach(client.vpcId, subnet.vpcId);
        const party = { cidr: subnet.cidrBlock, securityGroupIds: reach ? endpointGroups : [] };
        const blocked = [FTP_CONTROL, FTP_PASSIVE].flatMap((ports) => blockedTcpPorts(groups, 'egress', party, ports));
        if (blocked.length === 0) continue;
        report({
          id: 'CFTP-NET-008',
          resource: client.name,
          message: `Client ${client.name} may not send TCP ${blocked.map(formatPorts).join(', ')} to endpoint subnet ${subnet.id} (${subnet.cidrBlock}) of ${server.id}.`,
          evidence: {
            clientSecurityGroups: client.securityGroupIds,
            endpointSubnet: subnet.id,
            blockedPorts: blocked.map(formatPorts),
          },
        });
      }
    }
  }
};
