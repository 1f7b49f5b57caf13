import { policyAllows } from '../analysis/policies.js';
import { HTTPS } from '../analysis/ports.js';
import { blockedTcpPorts } from '../analysis/security-groups.js';
import { isUnknown } from '../model.js';
import { hasUnknownEndpoint, interfaceEndpoints } from './interface-endpoints.js';
import { ftpServers, type Rule } from './rule.js';

/** CFTP-NET-017..019: the STS interface endpoint the source article recommends, usable from the server VPC. */
export const sts: Rule = ({ topology, index, report }) => {
  const seen = new Set<string>();
  for (const server of ftpServers(topology)) {
    const vpcId = index.serverVpcId(server);
    if (vpcId === undefined || seen.has(vpcId)) continue;
    seen.add(vpcId);
    const endpoints = interfaceEndpoints(topology.vpcEndpoints, vpcId, 'sts');
    if (endpoints.length === 0) {
      if (hasUnknownEndpoint(topology.vpcEndpoints, vpcId)) continue;
      const connected = index.vpc(vpcId)?.hasInternetPath === true;
      report({
        id: 'CFTP-NET-017',
        resource: server,
        message: `Server VPC ${vpcId} of ${server.id} has no STS interface endpoint; the source article reports that ls hangs without one in a closed VPC.${connected ? ' This VPC has an internet or NAT route: use --profile connected if that is intended.' : ''}`,
        evidence: {
          serverVpc: vpcId,
          hasInternetPath: connected,
          interfaceEndpoints: topology.vpcEndpoints.filter((e) => e.vpcId === vpcId).map((e) => e.serviceName),
        },
      });
      continue;
    }
    for (const endpoint of endpoints) {
      if (!endpoint.privateDnsEnabled) {
        report({
          id: 'CFTP-NET-018',
          resource: endpoint,
          message: `STS endpoint ${endpoint.id} has private DNS off, so the regional STS name does not resolve to it.`,
          evidence: { PrivateDnsEnabled: false },
        });
      }
      const groupIds =
        endpoint.securityGroupIds.length > 0
          ? endpoint.securityGroupIds
          : [index.vpc(vpcId)?.defaultSecurityGroupId ?? ''];
      const groups = index.groupsOf(groupIds);
      if (groups.length === groupIds.length) {
        for (const subnet of index.endpointSubnets(server)) {
          if (isUnknown(subnet.cidrBlock)) continue;
          const party = { cidr: subnet.cidrBlock, securityGroupIds: index.endpointSecurityGroupIds(server) };
          if (blockedTcpPorts(groups, 'ingress', party, HTTPS).length === 0) continue;
          report({
            id: 'CFTP-NET-018',
            resource: endpoint,
            message: `The security groups of STS endpoint ${endpoint.id} do not admit TCP 443 from endpoint subnet ${subnet.id} (${subnet.cidrBlock}).`,
            evidence: { securityGroups: groupIds, caller: subnet.cidrBlock },
          });
        }
      }
      if (
        endpoint.policy !== undefined &&
        !isUnknown(endpoint.policy) &&
        !policyAllows(endpoint.policy, 'sts:AssumeRole')
      ) {
        report({
          id: 'CFTP-NET-019',
          resource: endpoint,
          message: `The policy of STS endpoint ${endpoint.id} does not allow sts:AssumeRole.`,
          evidence: { PolicyDocument: endpoint.policy },
        });
      }
    }
  }
};
