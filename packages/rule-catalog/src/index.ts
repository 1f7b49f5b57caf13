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
  /** Why the rule exists: the symptom a user sees when it is broken. */
  summary: string;
  /** What to change, in general terms (a finding's own remediation may be more specific). */
  remediation: string;
}

export const RULES = {
  'CFTP-NET-001': {
    title: 'FTP/FTPS server endpoint must be of type VPC',
    severity: 'error',
    summary:
      'Transfer Family accepts FTP and FTPS only on a server whose EndpointType is VPC. A PUBLIC or VPC_ENDPOINT server with FTP/FTPS is rejected when it is created or updated.',
    remediation: 'Set EndpointType to VPC and give EndpointDetails (VpcId, SubnetIds, SecurityGroupIds).',
  },
  'CFTP-NET-002': {
    title: 'FTP server endpoint must be internal (no Elastic IPs)',
    severity: 'error',
    summary:
      'FTP sends credentials in clear text, so Transfer Family only allows it on an internal VPC endpoint: a server with FTP and EndpointDetails.AddressAllocationIds (Elastic IPs, internet-facing) is rejected.',
    remediation:
      'Remove EndpointDetails.AddressAllocationIds (internal access), or drop FTP and keep FTPS/SFTP for internet-facing access.',
  },
  'CFTP-NET-003': {
    title: 'FTP/FTPS needs a custom or directory identity provider',
    severity: 'error',
    summary:
      'Service-managed users cannot log in over FTP or FTPS. The server needs IdentityProviderType AWS_LAMBDA, API_GATEWAY or AWS_DIRECTORY_SERVICE.',
    remediation:
      'Set IdentityProviderType to AWS_LAMBDA and IdentityProviderDetails.Function to the IdP function ARN (for example @closed-ftp/idp-lambda).',
  },
  'CFTP-NET-004': {
    title: 'FTPS needs an ACM certificate',
    severity: 'error',
    summary: 'A server with FTPS must name an ACM certificate; without one it cannot be created.',
    remediation: 'Set Certificate to the ARN of an ACM certificate for the name clients connect to.',
  },
  'CFTP-NET-005': {
    title: 'Endpoint security group admits TCP 21 from every client',
    severity: 'error',
    summary:
      'The control channel is TCP 21. If no security group on the server endpoint admits it from a client, the client hangs at "Connecting..." and never sees the 220 banner.',
    remediation:
      'Add an ingress rule for TCP 21 from the client CIDR (or, across same-Region peering, the client security group) to the endpoint security group.',
  },
  'CFTP-NET-006': {
    title: 'Endpoint security group admits TCP 8192-8200 from every client',
    severity: 'error',
    summary:
      'Transfer Family FTP is passive only, with data ports 8192-8200. If they are not admitted, login works and then ls/get/put hang ("Timeout when trying to open data connection").',
    remediation: 'Add an ingress rule for TCP 8192-8200 from every client source to the endpoint security group.',
  },
  'CFTP-NET-007': {
    title: 'Endpoint uses the VPC default security group',
    severity: 'error',
    summary:
      "When EndpointDetails has no SecurityGroupIds, Transfer attaches the VPC's default security group, which admits only its own members: a client in a peered VPC cannot even open port 21.",
    remediation:
      'Create a dedicated security group for the endpoint (TCP 21 and 8192-8200 from the clients) and list it in EndpointDetails.SecurityGroupIds.',
  },
  'CFTP-NET-008': {
    title: 'Client egress allows TCP 21 and 8192-8200 to the endpoint',
    severity: 'error',
    summary:
      'A client whose security group does not allow outbound TCP 21 and 8192-8200 to the endpoint subnets cannot connect or cannot open data connections.',
    remediation:
      'Allow outbound TCP 21 and 8192-8200 from the client security group to the endpoint subnets (or the endpoint security group).',
  },
  'CFTP-NET-009': {
    title: 'VPC peering connection is active',
    severity: 'error',
    summary:
      'A client VPC reaches the closed server VPC through a peering connection. Without one, or while it is pending acceptance, no packet crosses.',
    remediation:
      'Create a VPC peering connection between the client VPC and the server VPC and accept it (for another account: PeerOwnerId and PeerRoleArn, or accept it in the peer account).',
  },
  'CFTP-NET-010': {
    title: 'Peered CIDR blocks do not overlap',
    severity: 'error',
    summary: 'VPCs with overlapping CIDR blocks cannot be peered, and routes between them cannot be told apart.',
    remediation: 'Give the client VPC and the server VPC non-overlapping CIDR blocks.',
  },
  'CFTP-NET-011': {
    title: 'Client subnets route to every endpoint subnet',
    severity: 'error',
    summary:
      "Every client subnet's route table (its explicit association, else the VPC main table) needs a route through the peering connection covering every endpoint subnet: with PassiveIp AUTO the PASV reply may name any endpoint IP.",
    remediation:
      "Add a route for the server VPC CIDR (or each endpoint subnet) with the peering connection as target to every client subnet's route table.",
  },
  'CFTP-NET-012': {
    title: 'Endpoint subnets route back to every client',
    severity: 'error',
    summary:
      "Replies go back through the endpoint subnets' route tables. Without a route to the client CIDR through the peering connection (or the on-premises gateway), TCP handshakes never complete.",
    remediation:
      "Add a route for the client CIDR through the peering connection (or VPN/Direct Connect gateway) to every endpoint subnet's route table.",
  },
  'CFTP-NET-013': {
    title: 'No blackhole route on the client-endpoint path',
    severity: 'error',
    summary:
      'A route whose target was deleted (for example a peering connection that was removed) stays as a blackhole and silently drops the traffic it matches.',
    remediation: 'Replace the blackhole route with one to a live peering connection or gateway, or delete it.',
  },
  'CFTP-NET-014': {
    title: 'Endpoint subnet NACLs allow FTP in and return traffic out',
    severity: 'error',
    summary:
      'Network ACLs are stateless and evaluated in rule-number order: endpoint subnets need inbound TCP 21 and 8192-8200 from the clients and outbound TCP 1024-65535 back to them, with no lower-numbered DENY.',
    remediation:
      "Add allow entries to the endpoint subnets' network ACL: inbound TCP 21 and 8192-8200 from the client CIDR, outbound TCP 1024-65535 to it, numbered below any matching deny.",
  },
  'CFTP-NET-015': {
    title: 'Client subnet NACLs allow FTP out and return traffic in',
    severity: 'error',
    summary:
      'The mirror image of CFTP-NET-014 on the client side: outbound TCP 21 and 8192-8200 to the endpoint subnets, inbound TCP 1024-65535 from them.',
    remediation:
      "Add allow entries to the client subnets' network ACL: outbound TCP 21 and 8192-8200 to the endpoint subnets, inbound TCP 1024-65535 from them.",
  },
  'CFTP-NET-016': {
    title: 'PassiveIp is AUTO, 0.0.0.0 or a routable address',
    severity: 'error',
    summary:
      'The PASV reply carries ProtocolDetails.PassiveIp. A fixed address that clients cannot route to makes every data connection time out after a successful login.',
    remediation:
      'Use PassiveIp AUTO (the default) or 0.0.0.0, or a fixed address (an NLB in front of the endpoint) that every client routes to.',
  },
  'CFTP-NET-017': {
    title: 'STS interface endpoint in the server VPC (source article)',
    severity: 'warning',
    summary:
      'The article this project started from reports that in a closed VPC, ls hangs until an STS interface endpoint exists. AWS documents role assumption as done by the service; we report it as a recommendation, and code in the VPC that calls STS does need it.',
    remediation:
      'Add an interface VPC endpoint for com.amazonaws.<region>.sts in the server VPC, private DNS on, in the endpoint subnets.',
  },
  'CFTP-NET-018': {
    title: 'STS endpoint has private DNS and admits HTTPS',
    severity: 'warning',
    summary:
      'An STS interface endpoint only helps if the regional name resolves to it (private DNS) and its security group admits TCP 443 from the callers in the VPC.',
    remediation:
      'Set PrivateDnsEnabled true on the STS endpoint and admit TCP 443 from the server VPC CIDR (or the callers security groups) in its security group.',
  },
  'CFTP-NET-019': {
    title: 'STS endpoint policy allows sts:AssumeRole',
    severity: 'warning',
    summary: 'An endpoint policy that does not allow sts:AssumeRole blocks role assumption through the endpoint.',
    remediation: 'Allow sts:AssumeRole in the STS endpoint policy (or remove the policy to get full access).',
  },
  'CFTP-NET-020': {
    title: 'VPC DNS support and DNS hostnames are enabled',
    severity: 'error',
    summary:
      'Private DNS of interface endpoints needs enableDnsSupport and enableDnsHostnames in the server VPC; clients need enableDnsSupport to resolve the vpce-... endpoint name.',
    remediation:
      'Set EnableDnsSupport and EnableDnsHostnames to true on the server VPC, EnableDnsSupport on client VPCs.',
  },
  'CFTP-NET-021': {
    title: 'IdP Lambda lets transfer.amazonaws.com invoke it, scoped to this server',
    severity: 'error',
    summary:
      'Transfer calls the IdP Lambda with the service principal transfer.amazonaws.com. Without a resource policy allowing it every login fails; without AWS:SourceArn any server in the account can use the function.',
    remediation:
      'Add a Lambda permission: principal transfer.amazonaws.com, action lambda:InvokeFunction, SourceArn the server ARN.',
  },
  'CFTP-NET-022': {
    title: 'IdP Lambda timeout leaves room for Secrets Manager',
    severity: 'warning',
    summary:
      "Lambda's default timeout is 3 s; a cold start plus a Secrets Manager call can exceed it and the login fails. AWS suggests raising it.",
    remediation: 'Set the IdP function timeout to 10-15 seconds.',
  },
  'CFTP-NET-023': {
    title: 'A VPC-attached IdP Lambda or FTP canary reaches Secrets Manager',
    severity: 'error',
    summary:
      'An IdP Lambda or an FTP canary attached to a closed VPC reaches Secrets Manager only through an interface endpoint with private DNS whose security group admits TCP 443 from the function; otherwise every login times out (the IdP) or every canary run fails before it connects (the canary).',
    remediation:
      'Add an interface VPC endpoint for com.amazonaws.<region>.secretsmanager in the function VPC, private DNS on, SG admitting TCP 443 from the function security group; or run the IdP outside the VPC.',
  },
  'CFTP-NET-024': {
    title: 'Interface endpoint policies allow what the IdP and sessions need',
    severity: 'error',
    summary:
      'An endpoint policy on the Secrets Manager endpoint that does not allow secretsmanager:GetSecretValue makes the IdP deny every user.',
    remediation: 'Allow secretsmanager:GetSecretValue on the user secrets in the Secrets Manager endpoint policy.',
  },
  'CFTP-NET-025': {
    title: "User role trusts transfer.amazonaws.com and can use the user's storage",
    severity: 'error',
    summary:
      'Transfer assumes the Role the IdP returns. A role that does not trust transfer.amazonaws.com fails the login; one without s3:ListBucket/s3:GetObject makes ls fail.',
    remediation:
      'Trust transfer.amazonaws.com (sts:AssumeRole) in the user role and allow s3:ListBucket on the bucket and s3:GetObject/PutObject on the user prefix.',
  },
  'CFTP-NET-026': {
    title: 'FTPS TLS session resumption mode suits the clients',
    severity: 'info',
    summary:
      'With FTPS the default TlsSessionResumptionMode is ENFORCED: data connections must resume the control TLS session. Clients that do not (some Windows clients) fail on every transfer.',
    remediation: 'Keep ENFORCED if all clients resume TLS sessions (lftp, curl, FileZilla do); otherwise use ENABLED.',
  },
  'CFTP-NET-027': {
    title: 'Server logging is configured',
    severity: 'warning',
    summary:
      'Without a logging role or structured log destinations there is no record of logins and transfers to debug with.',
    remediation: 'Set StructuredLogDestinations to a CloudWatch log group ARN (or LoggingRole for the legacy format).',
  },
  'CFTP-NET-028': {
    title: 'A value could not be resolved from the template',
    severity: 'info',
    summary:
      'A value network-check needs was an intrinsic it could not resolve (for example an import from a stack that is not in the folder, or a parameter without a default). Rules that depend on it treat it as unknown.',
    remediation: 'Pass every stack of the app (cdk.out), give parameters defaults, or check the live account instead.',
  },
  'CFTP-NET-029': {
    title: 'No bucket policy denies the user role what listing and downloading need',
    severity: 'error',
    summary:
      "An explicit Deny in the bucket policy overrides the user role's own Allow: a Deny naming the role (or every principal) on s3:ListBucket or s3:GetObject makes ls fail after a good login. A Deny for requests that do not come through a VPC endpoint (aws:SourceVpce, aws:SourceVpc) is likely to catch Transfer too, which reads S3 from the service rather than through your VPC.",
    remediation:
      'Exempt the user role from the Deny (a StringNotLike/ArnNotLike condition on aws:PrincipalArn), or narrow the Deny to the principals and prefixes it is meant for.',
  },
  'CFTP-NET-030': {
    title: 'A VPN route reaches the on-premises clients: propagated or static',
    severity: 'error',
    summary:
      'An on-premises client reaches the endpoint subnets through a VPN gateway whose routes propagate into their route table. Propagation installs only what the VPN connection knows: with static routing (StaticRoutesOnly), a client network no VPN static route covers gets no route back, and every TCP handshake from it stays half open. With BGP the on-premises router announces the routes (outside AWS: network-check cannot see them).',
    remediation:
      "Add a VPN static route (AWS::EC2::VPNConnectionRoute) for the client network to the VPN connection, or use BGP and announce it from the customer gateway; or add a static route to the VPN gateway in the endpoint subnets' route table.",
  },
  'CFTP-NET-031': {
    title: 'No transit gateway blackhole route drops the client or endpoint network',
    severity: 'error',
    summary:
      'A blackhole route in a transit gateway route table drops every packet to its CIDR without an answer. One covering a client network or an endpoint subnet on the path makes the client hang at "Connecting..." (or, on the way back, leaves every TCP handshake half open).',
    remediation:
      'Remove the blackhole route (AWS::EC2::TransitGatewayRoute with Blackhole: true) for the client or endpoint CIDR, or replace it with a route to the right attachment.',
  },
  'CFTP-NET-032': {
    title: 'The transit gateway route table routes to the other end: propagated or static',
    severity: 'error',
    summary:
      'A transit gateway forwards by the route table associated with the attachment the traffic came in by. Without a route for the destination there (no propagation from its attachment, no static route), or with one to another attachment, packets are dropped and the connection times out.',
    remediation:
      "Propagate the destination's attachment into the route table (AWS::EC2::TransitGatewayRouteTablePropagation), or add a static route for its CIDR (AWS::EC2::TransitGatewayRoute).",
  },
  'CFTP-NET-033': {
    title: 'Every transit gateway attachment on the path is associated with a route table',
    severity: 'error',
    summary:
      'An attachment associated with no route table has no routes: the transit gateway drops everything that enters by it. Attachments are associated automatically only when the transit gateway has DefaultRouteTableAssociation enabled.',
    remediation:
      'Associate the attachment with a route table (AWS::EC2::TransitGatewayRouteTableAssociation), or enable DefaultRouteTableAssociation on the transit gateway.',
  },
  'CFTP-NET-034': {
    title: 'The transit gateway attachment has a subnet in every Availability Zone of the path',
    severity: 'error',
    summary:
      'Resources in an Availability Zone where the VPC attachment has no subnet cannot reach the transit gateway, and it cannot deliver to them. With PassiveIp AUTO the PASV reply may name the endpoint address in any of its subnets, so every endpoint subnet zone needs an attachment subnet; a VPC routing to a transit gateway it is not attached to reaches nothing.',
    remediation:
      "Add a subnet in each Availability Zone the endpoint and the clients use to the attachment's SubnetIds (one per zone), or attach the VPC.",
  },
  'CFTP-NET-035': {
    title: 'Client and VPC CIDRs behind a transit gateway do not overlap',
    severity: 'error',
    summary:
      'A transit gateway does not propagate a VPC CIDR that overlaps another CIDR propagated into the same route table, and a client network overlapping the endpoint VPC cannot be routed to at all. The path then has no route, though every attachment and propagation is in place.',
    remediation:
      'Give the VPCs and client networks behind the transit gateway CIDRs that do not overlap, or use separate route tables with static routes for the exact networks.',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

/** The documentation site; every link network-check and ftp-probe print or write starts here. */
export const DOCS_BASE_URL = 'https://closed-ftp.github.io/closed-ftp/';

/** The docs page of a rule: `${DOCS_BASE_URL}rules/<id>`. */
export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}rules/${id}`;
}
