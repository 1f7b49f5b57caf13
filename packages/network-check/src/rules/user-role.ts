import { policyAllows, trustsService } from '../analysis/policies.js';
import { isUnknown, type Role, type Topology } from '../model.js';
import type { Rule } from './rule.js';

/** What `ls` and a download need. */
export const STORAGE_ACTIONS = ['s3:ListBucket', 's3:GetObject'];

/** CFTP-NET-025: the roles users get trust Transfer and can read their storage. */
export const userRole: Rule = ({ topology, report }) => {
  for (const { role, trusted } of userRoles(topology)) {
    if (!trusted && role.trustPolicy !== undefined && !isUnknown(role.trustPolicy)) {
      report({
        id: 'CFTP-NET-025',
        resource: role,
        message: `Role ${role.id} is returned to users by a secret but does not trust transfer.amazonaws.com: logins fail.`,
        evidence: { AssumeRolePolicyDocument: role.trustPolicy },
        remediation: `Add a trust statement for the service principal transfer.amazonaws.com (sts:AssumeRole) to ${role.id}.`,
      });
      continue;
    }
    if (role.policies.some(isUnknown)) continue; // A managed or unresolved policy might grant it.
    const missing = STORAGE_ACTIONS.filter(
      (action) => !role.policies.some((p) => !isUnknown(p) && policyAllows(p, action)),
    );
    if (missing.length === 0) continue;
    report({
      id: 'CFTP-NET-025',
      resource: role,
      message: `User role ${role.id} does not allow ${missing.join(' and ')}: users log in but cannot list or download.`,
      evidence: { missingActions: missing, policies: role.policies.length },
    });
  }
};

/** Roles users get: those that trust Transfer (other than logging roles) and those a secret returns. */
export function userRoles(topology: Topology): { role: Role; trusted: boolean }[] {
  const loggingRoles = new Set(topology.transferServers.map((s) => s.loggingRole).filter((r) => typeof r === 'string'));
  const referenced = new Set(topology.secrets.map((s) => s.roleArn).filter((r) => typeof r === 'string'));
  return topology.roles.flatMap((role) => {
    if (loggingRoles.has(role.arn) || loggingRoles.has(role.name)) return [];
    const trust = role.trustPolicy;
    const trusted = trust !== undefined && !isUnknown(trust) && trustsService(trust, 'transfer.amazonaws.com');
    return trusted || referenced.has(role.arn) ? [{ role, trusted }] : [];
  });
}
