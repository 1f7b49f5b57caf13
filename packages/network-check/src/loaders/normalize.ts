// One normalizer for both loaders: CloudFormation properties and EC2's Describe answers use the same field names
// and values, so the template of an account and the live account give the same model.
import type { NetworkAclEntry, PeeringConnection, PolicyDocument, RouteTargetKind, VpcEndpoint } from '../model.js';

/** EC2 protocol numbers and aliases as the model writes them (`tcp`, `udp`, `icmp`, `-1` = all, else the number). */
const PROTOCOLS: Record<string, string> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
  all: '-1',
  '-1': '-1',
};

export function protocolName(value: unknown): string {
  const text = String(value ?? '-1').toLowerCase();
  return PROTOCOLS[text] ?? text;
}

/** A rule's port range: all ports for "all protocols" or missing ports; ICMP's -1 (any type) means all. */
export function portRange(protocol: string, from: unknown, to: unknown): { fromPort: number; toPort: number } {
  if (protocol === '-1') return { fromPort: 0, toPort: 65535 };
  const low = from === undefined || from === null ? 0 : Number(from);
  const high = to === undefined || to === null ? 65535 : Number(to);
  return {
    fromPort: Number.isFinite(low) && low >= 0 ? low : 0,
    toPort: Number.isFinite(high) && high >= 0 ? high : 65535,
  };
}

/** Route target fields, most specific first, with the kind each names (EC2 and CloudFormation share the names). */
export const ROUTE_TARGET_FIELDS: readonly (readonly [string, RouteTargetKind])[] = [
  ['VpcPeeringConnectionId', 'peering'],
  ['NatGatewayId', 'nat-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcEndpointId', 'vpc-endpoint'],
  ['GatewayId', 'internet-gateway'],
  ['EgressOnlyInternetGatewayId', 'internet-gateway'],
  ['CarrierGatewayId', 'other'],
  ['LocalGatewayId', 'other'],
  ['CoreNetworkArn', 'other'],
  ['InstanceId', 'other'],
  ['NetworkInterfaceId', 'other'],
];

/** `GatewayId` holds several kinds: told apart by the resource type when known, else by the id's prefix. */
export function gatewayKind(id: string, resourceType?: string): RouteTargetKind {
  if (id === 'local') return 'local';
  if (resourceType === 'AWS::EC2::VPNGateway' || id.startsWith('vgw-')) return 'vpn-gateway';
  if (resourceType === 'AWS::EC2::VPCEndpoint' || id.startsWith('vpce-')) return 'vpc-endpoint';
  if (resourceType === 'AWS::EC2::TransitGateway' || id.startsWith('tgw-')) return 'transit-gateway';
  if (resourceType === undefined && !id.startsWith('igw-') && !id.startsWith('eigw-')) return 'other';
  return 'internet-gateway';
}

export function routeTargetKind(field: string, id: string, resourceType?: string): RouteTargetKind {
  if (field === 'GatewayId') return gatewayKind(id, resourceType);
  return ROUTE_TARGET_FIELDS.find(([name]) => name === field)?.[1] ?? 'other';
}

/** The id the model gives a VPC's default security group when the loader cannot read the real one. */
export function defaultSecurityGroupId(vpcId: string): string {
  return `${vpcId}.DefaultSecurityGroup`;
}

/** The id the model gives a VPC's default network ACL when the loader cannot read the real one. */
export function defaultNetworkAclId(vpcId: string): string {
  return `${vpcId}.DefaultNetworkAcl`;
}

const PEERING_STATES = new Set(['active', 'pending-acceptance', 'failed', 'deleted']);

export function peeringStatus(code: unknown): PeeringConnection['status'] {
  const text = String(code ?? 'other');
  return PEERING_STATES.has(text) ? (text as PeeringConnection['status']) : 'other';
}

export function endpointType(value: unknown): VpcEndpoint['type'] {
  return value === 'Interface' || value === 'GatewayLoadBalancer' ? value : 'Gateway';
}

/** A network ACL entry from EC2's or CloudFormation's fields (`RuleAction`, `Egress`, `Protocol`, `PortRange`). */
export function aclEntry(fields: {
  ruleNumber: unknown;
  egress: unknown;
  action: unknown;
  protocol: unknown;
  cidr: NetworkAclEntry['cidr'];
  portRange?: { From?: unknown; To?: unknown } | undefined;
}): NetworkAclEntry {
  const entry: NetworkAclEntry = {
    ruleNumber: fields.ruleNumber === undefined ? 32767 : Number(fields.ruleNumber),
    egress: fields.egress === true || fields.egress === 'true',
    action: String(fields.action).toLowerCase() === 'allow' ? 'allow' : 'deny',
    protocol: protocolName(fields.protocol),
    cidr: fields.cidr,
  };
  if (fields.portRange?.From !== undefined) entry.fromPort = Number(fields.portRange.From);
  if (fields.portRange?.To !== undefined) entry.toPort = Number(fields.portRange.To);
  return entry;
}

/** Accepts a single statement object and string values where IAM allows them. */
export function normalizePolicy(document: unknown): PolicyDocument {
  const statements = (document as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return {
    Statement: list
      .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
      .map((s) => ({ ...s, Effect: s.Effect === 'Deny' ? 'Deny' : 'Allow' })),
  };
}

/** A policy given as JSON text (live mode, `SecretString`-like properties); unparsable text is unknown. */
export function parsePolicyText(text: string): PolicyDocument | { unknown: string } {
  try {
    return normalizePolicy(JSON.parse(text));
  } catch {
    return { unknown: 'PolicyDocument is not JSON' }; // No cause or text on purpose: a policy may quote secrets.
  }
}
