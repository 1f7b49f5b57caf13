import type { RuleId } from '@closed-ftp/rule-catalog';
import { dataAttempts, pasvNamesAnotherHost, type Seen } from './seen.js';

/**
 * How each network-check rule the probe names shows from the client: the finding's message. Title, severity,
 * remediation and docs are the rule's own, from the rule catalog.
 */
export const NETWORK_CAUSE_MESSAGES = {
  'CFTP-NET-004': () => 'FTPS needs an ACM certificate on the server.',
  'CFTP-NET-005': () =>
    'TCP to port 21 got no answer at all: packets are dropped, which is what a security group does.',
  'CFTP-NET-006': ({ step }: Seen) => {
    const code = step.evidence.replyCode;
    if (code === 425 || code === 426) return `The server could not use the data connection (${code}).`;
    if (dataAttempts(step)[0]?.result === 'refused')
      return 'A firewall that rejects instead of dropping could also do this.';
    return 'The control port works but the data port got no answer: TCP 8192-8200 is dropped, typically by the endpoint security group.';
  },
  'CFTP-NET-007': () =>
    "Without an explicit security group the endpoint gets the VPC's default one, which admits only its own members.",
  'CFTP-NET-008': () => "The client's own security group may not allow the traffic out.",
  'CFTP-NET-009': () => 'The VPC peering connection may not be active (pending acceptance, deleted).',
  'CFTP-NET-011': ({ step }: Seen) =>
    pasvNamesAnotherHost(step)
      ? 'With PassiveIp AUTO the reply may name any endpoint IP: every endpoint subnet must be routed from the client.'
      : 'The client subnet may have no route to the endpoint subnets through the peering connection.',
  'CFTP-NET-012': ({ step }: Seen) =>
    step.step === 'banner'
      ? 'Replies may not find their way back to the client (asymmetric routing).'
      : 'The endpoint subnets may have no route back to the client.',
  'CFTP-NET-014': () =>
    'A network ACL on the endpoint subnets may drop the traffic (NACLs are stateless: return traffic needs a rule too).',
  'CFTP-NET-015': () => 'A network ACL on the client subnet may drop the traffic.',
  'CFTP-NET-016': ({ step }: Seen) => {
    const { advertisedHost, addressKind, controlHost } = step.evidence as Record<string, string>;
    return step.evidence.controlHostWorks === true
      ? `PASV advertised ${advertisedHost} (${addressKind}), which the client cannot reach, while the control host ${controlHost} works.`
      : `PASV advertised ${advertisedHost} (${addressKind}), not the control host ${controlHost}.`;
  },
  'CFTP-NET-017': () =>
    'The source article reports that in a closed VPC `ls` hangs until the server VPC has an STS interface endpoint.',
  'CFTP-NET-020': () => 'The client VPC may have DNS support turned off.',
  'CFTP-NET-021': () => 'Transfer may not be allowed to invoke the IdP Lambda (every login is then denied).',
  'CFTP-NET-022': () => 'The Lambda timeout may be too short for Secrets Manager.',
  'CFTP-NET-023': () => 'A VPC-attached IdP Lambda without a Secrets Manager endpoint hangs until its timeout.',
  'CFTP-NET-024': () => 'An endpoint policy on an S3, STS or Secrets Manager VPC endpoint may deny the session.',
  'CFTP-NET-025': ({ step }: Seen) =>
    step.step === 'login'
      ? 'Transfer may be unable to assume the Role the identity provider returns (its trust policy must name transfer.amazonaws.com): that shows as a refused login.'
      : "The session role may not trust transfer.amazonaws.com, or may not allow the user's bucket or file system.",
  'CFTP-NET-026': () => 'TlsSessionResumptionMode ENFORCED rejects clients that do not resume.',
  'CFTP-NET-029': () =>
    'A bucket policy may deny the session role, e.g. a Deny for requests that do not come through a VPC endpoint.',
} as const satisfies Partial<Record<RuleId, (seen: Seen) => string>>;

/** The network-check rules the probe can name. */
export type NetworkCauseId = keyof typeof NETWORK_CAUSE_MESSAGES;
