import { policyAllows } from '../analysis/policies.js';
import { HTTPS } from '../analysis/ports.js';
import { blockedTcpPorts } from '../analysis/security-groups.js';
import { isUnknown, type LambdaFunction, type Topology, type TransferServer } from '../model.js';
import { interfaceEndpoints } from './interface-endpoints.js';
import { ftpServers, type Rule } from './rule.js';

/** Below this, a cold start plus a Secrets Manager call can time out a login. */
export const MIN_IDP_TIMEOUT_SECONDS = 10;

function idpFunction(topology: Topology, server: TransferServer): LambdaFunction | undefined {
  const ref = server.identityProviderFunction;
  if (server.identityProviderType !== 'AWS_LAMBDA' || ref === undefined || isUnknown(ref)) return undefined;
  return topology.lambdaFunctions.find(
    (f) => f.arn === ref || f.name === ref || f.id === ref || ref.startsWith(`${f.arn}:`),
  );
}

/** CFTP-NET-021..023: Transfer may invoke the IdP, the IdP has time, and a VPC-attached IdP reaches Secrets Manager. */
export const idpLambda: Rule = ({ topology, index, report }) => {
  for (const server of ftpServers(topology)) {
    const fn = idpFunction(topology, server);
    if (fn === undefined) continue;
    const transferPermissions = fn.permissions.filter(
      (p) => p.principal === 'transfer.amazonaws.com' && ['lambda:InvokeFunction', 'lambda:*'].includes(p.action),
    );
    const scoped = transferPermissions.some((p) => p.sourceArn === server.arn || isUnknown(p.sourceArn));
    if (!scoped) {
      const unscoped = transferPermissions.filter(
        (p) => p.sourceArn === undefined || (typeof p.sourceArn === 'string' && p.sourceArn.endsWith('/*')),
      );
      report({
        id: 'CFTP-NET-021',
        resource: fn,
        severity: unscoped.length > 0 ? 'warning' : 'error',
        message:
          unscoped.length > 0
            ? `IdP function ${fn.id} lets transfer.amazonaws.com invoke it without scoping to ${server.id}: any server in the account could use it.`
            : `IdP function ${fn.id} has no permission for transfer.amazonaws.com to invoke it from ${server.id}: every login fails.`,
        evidence: { serverArn: server.arn, permissions: fn.permissions },
        remediation: `Add a Lambda permission on ${fn.id}: principal transfer.amazonaws.com, action lambda:InvokeFunction, SourceArn ${server.arn}.`,
      });
    }
    if (fn.timeoutSeconds < MIN_IDP_TIMEOUT_SECONDS) {
      report({
        id: 'CFTP-NET-022',
        resource: fn,
        message: `IdP function ${fn.id} times out after ${fn.timeoutSeconds} s; a cold start plus a Secrets Manager call can take longer.`,
        evidence: { Timeout: fn.timeoutSeconds, recommendedAtLeast: MIN_IDP_TIMEOUT_SECONDS },
      });
    }
    if (fn.vpcSubnetIds.length === 0) continue;
    const subnets = fn.vpcSubnetIds.map((id) => index.subnet(id)).filter((s) => s !== undefined);
    const vpcId = subnets[0]?.vpcId;
    if (vpcId === undefined) continue;
    const endpoints = interfaceEndpoints(topology.vpcEndpoints, vpcId, 'secretsmanager');
    const usable = endpoints.filter((endpoint) => {
      if (!endpoint.privateDnsEnabled) return false;
      const groupIds =
        endpoint.securityGroupIds.length > 0
          ? endpoint.securityGroupIds
          : [index.vpc(vpcId)?.defaultSecurityGroupId ?? ''];
      const groups = index.groupsOf(groupIds);
      if (groups.length < groupIds.length) return true;
      return subnets.every(
        (s) =>
          isUnknown(s.cidrBlock) ||
          blockedTcpPorts(groups, 'ingress', { cidr: s.cidrBlock, securityGroupIds: fn.vpcSecurityGroupIds }, HTTPS)
            .length === 0,
      );
    });
    if (usable.length === 0) {
      report({
        id: 'CFTP-NET-023',
        resource: fn,
        message:
          endpoints.length === 0
            ? `IdP function ${fn.id} runs in VPC ${vpcId}, which has no Secrets Manager interface endpoint: logins time out.`
            : `IdP function ${fn.id} runs in VPC ${vpcId}, but its Secrets Manager endpoint has private DNS off or does not admit TCP 443 from the function.`,
        evidence: {
          vpc: vpcId,
          functionSubnets: fn.vpcSubnetIds,
          functionSecurityGroups: fn.vpcSecurityGroupIds,
          secretsManagerEndpoints: endpoints.map((e) => ({
            id: e.id,
            privateDnsEnabled: e.privateDnsEnabled,
            securityGroupIds: e.securityGroupIds,
          })),
        },
      });
    }
  }
};

/** CFTP-NET-024: a Secrets Manager endpoint policy must let the IdP read the user secrets. */
export const endpointPolicies: Rule = ({ topology, report }) => {
  for (const endpoint of topology.vpcEndpoints) {
    if (isUnknown(endpoint.serviceName) || !endpoint.serviceName.endsWith('.secretsmanager')) continue;
    if (endpoint.policy === undefined || isUnknown(endpoint.policy)) continue;
    if (policyAllows(endpoint.policy, 'secretsmanager:GetSecretValue')) continue;
    report({
      id: 'CFTP-NET-024',
      resource: endpoint,
      message: `The policy of Secrets Manager endpoint ${endpoint.id} does not allow secretsmanager:GetSecretValue: the IdP cannot read user secrets through it.`,
      evidence: { PolicyDocument: endpoint.policy },
    });
  }
};
