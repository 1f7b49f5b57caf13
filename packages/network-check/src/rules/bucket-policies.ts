import { type DenyCertainty, matchesWildcard, statementDenies } from '../analysis/policies.js';
import { type Bucket, isUnknown, type PolicyDocument, type Role } from '../model.js';
import type { Rule } from './rule.js';
import { STORAGE_ACTIONS, userRoles } from './user-role.js';

/** CFTP-NET-029: no bucket policy denies the user role what `ls` and downloads need. */
export const bucketPolicies: Rule = ({ topology, report }) => {
  const roles = userRoles(topology).map(({ role }) => role);
  for (const bucket of topology.buckets) {
    const policy = bucket.policy;
    if (policy === undefined || isUnknown(policy)) continue;
    for (const role of roles) {
      if (!roleUses(role, bucket)) continue;
      const denied = deniedActions(policy, role.arn, bucket);
      if (denied.length === 0) continue;
      const assumed = denied.every((d) => d.certainty === 'assumed');
      report({
        id: 'CFTP-NET-029',
        resource: bucket,
        message: assumed
          ? `The policy of bucket ${bucket.name} denies ${actionList(denied)} unless the request comes through a VPC or VPC endpoint; Transfer reads S3 from the service, not through your VPC, so user role ${role.id} is likely denied and ls fails.`
          : `The policy of bucket ${bucket.name} denies ${actionList(denied)} to user role ${role.id}: users log in but cannot list or download.`,
        evidence: { role: role.arn, deniedActions: denied.map((d) => d.action), statements: denied.map((d) => d.sid) },
        ...(assumed ? { severity: 'warning' as const } : {}),
      });
    }
  }
};

function bucketArns(bucket: Bucket): string[] {
  return [...new Set([bucket.arn, `arn:aws:s3:::${bucket.name}`])];
}

/** A role uses a bucket when one of its known policies allows something on it (or on `*`). */
function roleUses(role: Role, bucket: Bucket): boolean {
  const arns = bucketArns(bucket).flatMap((arn) => [arn, `${arn}/any-key`]);
  return role.policies.some(
    (policy) =>
      !isUnknown(policy) &&
      policy.Statement.some(
        (s) =>
          s.Effect === 'Allow' &&
          (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).some(
            (pattern) => typeof pattern === 'string' && arns.some((arn) => matchesWildcard(pattern, arn)),
          ),
      ),
  );
}

interface Denial {
  action: string;
  sid: string;
  certainty: DenyCertainty;
}

function deniedActions(policy: PolicyDocument, roleArn: string, bucket: Bucket): Denial[] {
  const denials: Denial[] = [];
  for (const action of STORAGE_ACTIONS) {
    // ListBucket is on the bucket; GetObject on any key in it (a Deny on one prefix only is deliberate).
    const resources = bucketArns(bucket).map((arn) => (action === 's3:ListBucket' ? arn : `${arn}/any-key`));
    const matches = policy.Statement.flatMap((statement, index) => {
      const certainty = resources
        .map((resourceArn) => statementDenies(statement, { roleArn, action, resourceArn }))
        .find((c) => c !== undefined);
      return certainty === undefined ? [] : [{ action, sid: statement.Sid ?? `Statement[${index}]`, certainty }];
    });
    const strongest = matches.find((m) => m.certainty === 'certain') ?? matches[0];
    if (strongest) denials.push(strongest);
  }
  return denials;
}

function actionList(denials: Denial[]): string {
  return denials.map((d) => d.action).join(' and ');
}
