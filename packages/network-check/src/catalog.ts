/**
 * The stable rule ids shared by network-check (which predicts a failure from configuration) and ftp-probe (which
 * observes it from a client). Ids never change meaning; a retired rule keeps its id reserved.
 */
export type Severity = 'error' | 'warning' | 'info';

/** One finding, the same shape in network-check and ftp-probe reports. */
export interface Finding {
  /** Stable rule id, e.g. `CFTP-NET-005`. */
  id: RuleId;
  severity: Severity;
  /** The rule's title. */
  title: string;
  /** What the finding is about: a logical id, a resource id or a step name. */
  resource: string;
  /** What is wrong here, in one or two sentences. */
  message: string;
  /** The facts the finding rests on (values read from configuration or observed on the wire). */
  evidence: Record<string, unknown>;
  /** What to change. */
  remediation: string;
  /** Link to the rule's page in the docs. */
  docs: string;
}

export interface RuleInfo {
  title: string;
  /** Severity under the default `closed` profile. */
  severity: Severity;
}

export const RULES = {
  'CFTP-NET-001': { title: 'FTP/FTPS server endpoint must be of type VPC', severity: 'error' },
  'CFTP-NET-002': { title: 'FTP server endpoint must be internal (no Elastic IPs)', severity: 'error' },
  'CFTP-NET-003': { title: 'FTP/FTPS needs a custom or directory identity provider', severity: 'error' },
  'CFTP-NET-004': { title: 'FTPS needs an ACM certificate', severity: 'error' },
  'CFTP-NET-005': { title: 'Endpoint security group admits TCP 21 from every client', severity: 'error' },
  'CFTP-NET-006': { title: 'Endpoint security group admits TCP 8192-8200 from every client', severity: 'error' },
  'CFTP-NET-007': { title: 'Endpoint uses the VPC default security group', severity: 'error' },
  'CFTP-NET-008': { title: 'Client egress allows TCP 21 and 8192-8200 to the endpoint', severity: 'error' },
  'CFTP-NET-009': { title: 'VPC peering connection is active', severity: 'error' },
  'CFTP-NET-010': { title: 'Peered CIDR blocks do not overlap', severity: 'error' },
  'CFTP-NET-011': { title: 'Client subnets route to every endpoint subnet', severity: 'error' },
  'CFTP-NET-012': { title: 'Endpoint subnets route back to every client', severity: 'error' },
  'CFTP-NET-013': { title: 'No blackhole route on the client-endpoint path', severity: 'error' },
  'CFTP-NET-014': { title: 'Endpoint subnet NACLs allow FTP in and return traffic out', severity: 'error' },
  'CFTP-NET-015': { title: 'Client subnet NACLs allow FTP out and return traffic in', severity: 'error' },
  'CFTP-NET-016': { title: 'PassiveIp is AUTO, 0.0.0.0 or a routable address', severity: 'error' },
  'CFTP-NET-017': { title: 'STS interface endpoint in the server VPC (source article)', severity: 'warning' },
  'CFTP-NET-018': { title: 'STS endpoint has private DNS and admits HTTPS', severity: 'warning' },
  'CFTP-NET-019': { title: 'STS endpoint policy allows sts:AssumeRole', severity: 'warning' },
  'CFTP-NET-020': { title: 'VPC DNS support and DNS hostnames are enabled', severity: 'error' },
  'CFTP-NET-021': {
    title: 'IdP Lambda lets transfer.amazonaws.com invoke it, scoped to this server',
    severity: 'error',
  },
  'CFTP-NET-022': { title: 'IdP Lambda timeout leaves room for Secrets Manager', severity: 'warning' },
  'CFTP-NET-023': { title: 'VPC-attached IdP Lambda reaches Secrets Manager', severity: 'error' },
  'CFTP-NET-024': { title: 'Interface endpoint policies allow what the IdP and sessions need', severity: 'error' },
  'CFTP-NET-025': {
    title: "User role trusts transfer.amazonaws.com and can use the user's storage",
    severity: 'error',
  },
  'CFTP-NET-026': { title: 'FTPS TLS session resumption mode suits the clients', severity: 'info' },
  'CFTP-NET-027': { title: 'Server logging is configured', severity: 'warning' },
  'CFTP-NET-028': { title: 'A value could not be resolved from the template', severity: 'info' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** The docs page of a rule. */
export function ruleDocsUrl(id: RuleId): string {
  return `https://github.com/closed-ftp/closed-ftp/blob/main/docs/rules/${id}.md`;
}
