import { bucketPolicies } from './bucket-policies.js';
import { dnsAttributes } from './dns.js';
import { ftpCanarySecrets } from './ftp-canary.js';
import { endpointPolicies, idpLambda } from './idp-lambda.js';
import { networkAcls } from './network-acls.js';
import { passiveIp } from './passive-ip.js';
import { peering } from './peering.js';
import { routes } from './routes.js';
import type { Rule } from './rule.js';
import { clientEgress, endpointSecurityGroups } from './security-groups.js';
import { serverSettings, unresolvedValues } from './server-settings.js';
import { serverShape } from './server-shape.js';
import { sts } from './sts.js';
import { userRole } from './user-role.js';

/** Every rule, in the order a connection meets what they check. */
export const ALL_RULES: Rule[] = [
  serverShape,
  endpointSecurityGroups,
  clientEgress,
  peering,
  routes,
  networkAcls,
  passiveIp,
  sts,
  dnsAttributes,
  idpLambda,
  ftpCanarySecrets,
  endpointPolicies,
  userRole,
  bucketPolicies,
  serverSettings,
  unresolvedValues,
];
