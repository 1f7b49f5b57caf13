/**
 * The normalized topology every loader produces and every rule reads. It is plain JSON (a snapshot is this object
 * written to a file); `version` changes whenever a field changes meaning.
 */
export const TOPOLOGY_VERSION = 4;

/** A value a loader could not resolve; `unknown` says what it was (e.g. `Fn::ImportValue SharedVpcId`). */
export interface Unknown {
  unknown: string;
}
export type Maybe<T> = T | Unknown;

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && 'unknown' in value;
}

/** Where a resource came from, for reports (SARIF locations, construct paths). */
export interface SourceLocation {
  file?: string;
  stack?: string;
  logicalId?: string;
  /** CDK construct path from `aws:cdk:path` metadata. */
  constructPath?: string;
}

export interface Resource {
  /** Logical id (templates; `Stack/LogicalId` for cdk.out) or AWS id (live). */
  id: string;
  location?: SourceLocation;
}

export interface Vpc extends Resource {
  cidrBlocks: Maybe<string>[];
  enableDnsSupport: Maybe<boolean>;
  enableDnsHostnames: Maybe<boolean>;
  defaultSecurityGroupId: string;
  /** Whether the VPC has an internet or NAT gateway route (decides `closed` vs `connected` in reports). */
  hasInternetPath: boolean;
}

export interface Subnet extends Resource {
  /** `''` when the loader could not resolve it (see `Topology.unresolved`); the same for every id reference. */
  vpcId: string;
  cidrBlock: Maybe<string>;
  /** Where known (e.g. `eu-west-1a`); a Transit Gateway reaches only the zones it has an attachment subnet in. */
  availabilityZone?: string;
  /** Explicitly associated route table; absent = the VPC's main table. */
  routeTableId?: string;
  /** Associated network ACL; absent = the VPC's default ACL (allows everything unless changed). */
  networkAclId?: string;
}

export type RouteTargetKind =
  | 'local'
  | 'peering'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'vpc-endpoint'
  | 'other';

export interface Route {
  destination: Maybe<string>;
  target: { kind: RouteTargetKind; id: string } | Unknown;
  state: 'active' | 'blackhole';
  /** Learned from a VPN gateway propagating into the table (live: `Origin` EnableVgwRoutePropagation). Since version 4. */
  propagated?: boolean;
}

export interface RouteTable extends Resource {
  vpcId: string;
  main: boolean;
  routes: Route[];
  /**
   * VPN gateways whose routes propagate into this table (`AWS::EC2::VPNGatewayRoutePropagation`; live:
   * `PropagatingVgws`, whose routes live mode also reads among `routes`). Since version 3.
   */
  propagatingVpnGateways?: string[];
}

/** A virtual private gateway; `vpcId` is the VPC it is attached to, where known. Since version 3. */
export interface VpnGateway extends Resource {
  vpcId?: string;
}

/** The on-premises end of a Site-to-Site VPN (its public IP and BGP ASN); outside AWS. Since version 4. */
export interface CustomerGateway extends Resource {
  ipAddress?: Maybe<string>;
  bgpAsn?: number;
}

/** A Site-to-Site VPN connection to a VPN gateway or a transit gateway. Since version 3. */
export interface VpnConnection extends Resource {
  vpnGatewayId?: string;
  transitGatewayId?: string;
  /** Since version 4. */
  customerGatewayId?: string;
  /**
   * The transit gateway attachment the connection creates (live: `tgw-attach-...`; templates, which cannot name it:
   * `<connection id>.TransitGatewayAttachment`). Since version 4.
   */
  transitGatewayAttachmentId?: string;
  /** Static routing: only `staticRoutes` reach the VPC. Otherwise BGP: the on-premises side announces its routes. */
  staticRoutesOnly: boolean;
  staticRoutes: Maybe<string>[];
}

/**
 * A transit gateway (since version 4). With default association (propagation) enabled, every attachment created is
 * associated with (propagates to) the default route table; disabled, only explicit associations (propagations) count.
 */
export interface TransitGateway extends Resource {
  /** `DefaultRouteTableAssociation: enable` (CloudFormation's default). */
  defaultRouteTableAssociation: boolean;
  /** `DefaultRouteTablePropagation: enable` (CloudFormation's default). */
  defaultRouteTablePropagation: boolean;
  /**
   * The default association route table (live: `AssociationDefaultRouteTableId`; templates, where CloudFormation
   * creates it implicitly: `<transit gateway id>.DefaultRouteTable`). Absent when association is disabled.
   */
  associationDefaultRouteTableId?: string;
  /** The default propagation route table, as `associationDefaultRouteTableId`. */
  propagationDefaultRouteTableId?: string;
  /** The Region, where known (peering attachments lead to another Region's transit gateway). */
  region?: string;
}

export type TransitGatewayAttachmentKind = 'vpc' | 'vpn' | 'direct-connect' | 'peering' | 'other';

/** What is attached to a transit gateway. Since version 4. */
export interface TransitGatewayAttachment extends Resource {
  transitGatewayId: string;
  kind: TransitGatewayAttachmentKind;
  /** vpc: the attached VPC. */
  vpcId?: string;
  /**
   * vpc: one subnet per Availability Zone; resources in a zone without one cannot reach the transit gateway
   * (their zone comes from `Subnet.availabilityZone`).
   */
  subnetIds: string[];
  /** vpc: `ApplianceModeSupport: enable` (symmetric routing through one zone; matters for inspection appliances). */
  applianceMode?: boolean;
  /** vpn: the VPN connection behind the attachment. */
  vpnConnectionId?: string;
  /** peering: the transit gateway on the other side, seen as one opaque hop (its routes are not in the input). */
  peerTransitGatewayId?: string;
  peerRegion?: string;
  /** Live state; templates: `available`. A `pending-acceptance` peering carries nothing. */
  state: 'available' | 'pending' | 'pending-acceptance' | 'deleted' | 'other';
}

/** A route of a transit gateway route table: static (including blackhole) or propagated from an attachment. */
export interface TransitGatewayRoute {
  destination: Maybe<string>;
  /** The attachment traffic leaves by; empty for a blackhole route. */
  attachmentIds: string[];
  type: 'static' | 'propagated';
  state: 'active' | 'blackhole';
}

/**
 * A transit gateway route table (since version 4). Propagated routes are not listed by templates: rules derive them
 * from `propagatingAttachmentIds` (the attached VPC's CIDRs, a VPN connection's static routes or BGP); live mode also
 * lists what `SearchTransitGatewayRoutes` returns.
 */
export interface TransitGatewayRouteTable extends Resource {
  transitGatewayId: string;
  /** Attachments associated with this table: it routes the traffic they bring in (at most one table each). */
  associatedAttachmentIds: string[];
  /** Attachments whose routes propagate into this table. */
  propagatingAttachmentIds: string[];
  routes: TransitGatewayRoute[];
}

/** A peer: a CIDR, a security group or a prefix list. */
export type Peer = { cidr: string } | { securityGroupId: string } | { prefixListId: string } | Unknown;

export interface SecurityGroupRule {
  /** `tcp`, `udp`, `icmp`, `-1` (all) or a protocol number. */
  protocol: string;
  fromPort: number;
  toPort: number;
  peer: Peer;
}

export interface SecurityGroup extends Resource {
  vpcId: string;
  isDefault: boolean;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  action: 'allow' | 'deny';
  /** `tcp`, `udp`, `-1` or a protocol number. */
  protocol: string;
  cidr: Maybe<string>;
  fromPort?: number;
  toPort?: number;
}

export interface NetworkAcl extends Resource {
  vpcId: string;
  entries: NetworkAclEntry[];
}

export interface PeeringConnection extends Resource {
  requesterVpcId: string;
  accepterVpcId: string;
  status: 'active' | 'pending-acceptance' | 'failed' | 'deleted' | 'other';
  /** The VPCs are in different Regions: security group references do not reach across (since version 2). */
  crossRegion?: boolean;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Principal?: unknown;
  NotPrincipal?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}
export interface PolicyDocument {
  Statement: PolicyStatement[];
}

export interface VpcEndpoint extends Resource {
  vpcId: string;
  serviceName: Maybe<string>;
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer';
  privateDnsEnabled: boolean;
  subnetIds: string[];
  /** Empty for an interface endpoint = the VPC default security group. */
  securityGroupIds: string[];
  /** Absent = full access. */
  policy?: Maybe<PolicyDocument>;
}

export interface TransferServer extends Resource {
  arn: string;
  protocols: string[];
  endpointType: string;
  vpcId?: Maybe<string>;
  subnetIds: string[];
  /** Empty = Transfer attaches the VPC default security group. */
  securityGroupIds: string[];
  addressAllocationIds: string[];
  identityProviderType: string;
  identityProviderFunction?: Maybe<string>;
  certificate?: Maybe<string>;
  passiveIp: Maybe<string>;
  tlsSessionResumptionMode?: string;
  loggingRole?: Maybe<string>;
  structuredLogDestinations: Maybe<string>[];
}

export interface LambdaPermission {
  principal: Maybe<string>;
  action: string;
  sourceArn?: Maybe<string>;
}

export interface LambdaFunction extends Resource {
  arn: string;
  name: string;
  timeoutSeconds: number;
  vpcSubnetIds: string[];
  vpcSecurityGroupIds: string[];
  permissions: LambdaPermission[];
  /** The canary's name when the function is an FTP canary (tag `closed-ftp:canary`): it logs in like a client. */
  ftpCanary?: string;
}

export interface Role extends Resource {
  arn: string;
  name: string;
  trustPolicy?: Maybe<PolicyDocument>;
  policies: Maybe<PolicyDocument>[];
}

export interface Instance extends Resource {
  subnetId: string;
  securityGroupIds: string[];
  /** When known, rules are checked for this address rather than the whole subnet. */
  privateIp?: string;
}

/** An S3 bucket the template defines, with the policy an `AWS::S3::BucketPolicy` attaches to it. */
export interface Bucket extends Resource {
  /** `BucketName`, else the id (what `Ref` of the bucket resolves to). */
  name: string;
  arn: string;
  /** Absent = no bucket policy: the user role's own policies decide. */
  policy?: Maybe<PolicyDocument>;
}

/** A secret's `Role` key (templates only: live mode never reads secret values). */
export interface SecretRoleReference extends Resource {
  roleArn: Maybe<string>;
}

export interface Topology {
  version: typeof TOPOLOGY_VERSION;
  source: { kind: 'template' | 'cdk-out' | 'live' | 'snapshot'; location: string };
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  networkAcls: NetworkAcl[];
  peeringConnections: PeeringConnection[];
  vpcEndpoints: VpcEndpoint[];
  transferServers: TransferServer[];
  lambdaFunctions: LambdaFunction[];
  roles: Role[];
  instances: Instance[];
  secrets: SecretRoleReference[];
  /** Since version 2. */
  buckets: Bucket[];
  /** Since version 3. */
  vpnGateways: VpnGateway[];
  /** Since version 3. */
  vpnConnections: VpnConnection[];
  /** Since version 4. */
  customerGateways: CustomerGateway[];
  /** Since version 4. */
  transitGateways: TransitGateway[];
  /** Since version 4. */
  transitGatewayAttachments: TransitGatewayAttachment[];
  /** Since version 4. */
  transitGatewayRouteTables: TransitGatewayRouteTable[];
  /** Values a loader could not resolve, reported by CFTP-NET-028. */
  unresolved: { resource: string; field: string; expression: string; location?: SourceLocation }[];
}

export function emptyTopology(source: Topology['source']): Topology {
  return {
    version: TOPOLOGY_VERSION,
    source,
    vpcs: [],
    subnets: [],
    routeTables: [],
    securityGroups: [],
    networkAcls: [],
    peeringConnections: [],
    vpcEndpoints: [],
    transferServers: [],
    lambdaFunctions: [],
    roles: [],
    instances: [],
    secrets: [],
    buckets: [],
    vpnGateways: [],
    vpnConnections: [],
    customerGateways: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayRouteTables: [],
    unresolved: [],
  };
}
