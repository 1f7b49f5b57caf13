import { HTTPS } from '../analysis/ports.js';
import { blockedTcpPorts } from '../analysis/security-groups.js';
import { isUnknown, type VpcEndpoint } from '../model.js';
import { interfaceEndpoints } from './interface-endpoints.js';
import type { Rule } from './rule.js';

/**
 * CFTP-NET-023 for FTP canaries: like a VPC-attached IdP, a canary reads its user's secret through a Secrets Manager
 * endpoint in its VPC (private DNS on), which must admit TCP 443 from it, and its groups must let 443 out to it.
 * Its FTP path (21, 8192-8200) is checked by the client rules: the loaders add its network interfaces as clients.
 */
export const ftpCanarySecrets: Rule = ({ topology, index, report }) => {
  for (const fn of topology.lambdaFunctions) {
    if (fn.ftpCanary === undefined || fn.vpcSubnetIds.length === 0) continue;
    const subnets = fn.vpcSubnetIds.map((id) => index.subnet(id)).filter((s) => s !== undefined);
    const vpcId = subnets[0]?.vpcId;
    if (vpcId === undefined) continue;
    const ownGroups = index.groupsOf(fn.vpcSecurityGroupIds);
    const ownGroupsKnown = ownGroups.length === fn.vpcSecurityGroupIds.length;
    const endpoints = interfaceEndpoints(topology.vpcEndpoints, vpcId, 'secretsmanager');
    const problems = new Map<VpcEndpoint, string>();
    for (const endpoint of endpoints) {
      const groupIds =
        endpoint.securityGroupIds.length > 0
          ? endpoint.securityGroupIds
          : [index.vpc(vpcId)?.defaultSecurityGroupId ?? ''];
      const groups = index.groupsOf(groupIds);
      const admits =
        groups.length < groupIds.length ||
        subnets.every(
          (s) =>
            isUnknown(s.cidrBlock) ||
            blockedTcpPorts(groups, 'ingress', { cidr: s.cidrBlock, securityGroupIds: fn.vpcSecurityGroupIds }, HTTPS)
              .length === 0,
        );
      // Private DNS answers with every interface of the endpoint: each must be reachable, or some runs fail.
      const leaves =
        !ownGroupsKnown ||
        endpoint.subnetIds.every((id) => {
          const cidr = index.subnet(id)?.cidrBlock;
          return (
            cidr === undefined ||
            isUnknown(cidr) ||
            blockedTcpPorts(ownGroups, 'egress', { cidr, securityGroupIds: groupIds }, HTTPS).length === 0
          );
        });
      if (!endpoint.privateDnsEnabled) problems.set(endpoint, 'has private DNS off');
      else if (!admits) problems.set(endpoint, 'does not admit TCP 443 from the canary');
      else if (!leaves) problems.set(endpoint, "is not reachable on TCP 443 through the canary's security groups");
    }
    if (endpoints.length > 0 && problems.size < endpoints.length) continue;
    report({
      id: 'CFTP-NET-023',
      resource: fn,
      message:
        endpoints.length === 0
          ? `FTP canary ${fn.ftpCanary} (${fn.id}) runs in VPC ${vpcId}, which has no Secrets Manager interface endpoint: it cannot read its user's password, and every run fails.`
          : `FTP canary ${fn.ftpCanary} (${fn.id}) cannot read its user's password: its Secrets Manager endpoint ${[...problems.values()].join('; ')}.`,
      evidence: {
        vpc: vpcId,
        functionSubnets: fn.vpcSubnetIds,
        functionSecurityGroups: fn.vpcSecurityGroupIds,
        secretsManagerEndpoints: endpoints.map((e) => ({
          id: e.id,
          privateDnsEnabled: e.privateDnsEnabled,
          securityGroupIds: e.securityGroupIds,
          problem: problems.get(e),
        })),
      },
      remediation:
        endpoints.length === 0
          ? `Add an interface endpoint for Secrets Manager to ${vpcId} with private DNS (FtpCanary: addSecretsManagerEndpoint).`
          : `Let TCP 443 out of ${fn.vpcSecurityGroupIds.join(', ')} to the endpoint and admit it in the endpoint's security group, with private DNS on.`,
    });
  }
};
