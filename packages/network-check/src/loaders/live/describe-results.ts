// Live mode's answers -> the model, with no AWS call: what `fetchDescribeResults` read, mapped by the shared
// normalizer (the same as the CloudFormation loader's), so a snapshot of answers can be checked offline too.
import type {
  CustomerGateway as Ec2CustomerGateway,
  Instance as Ec2Instance,
  NetworkAcl as Ec2NetworkAcl,
  Route as Ec2Route,
  RouteTable as Ec2RouteTable,
  SecurityGroup as Ec2SecurityGroup,
  Subnet as Ec2Subnet,
  TransitGateway as Ec2TransitGateway,
  TransitGatewayAttachment as Ec2TransitGatewayAttachment,
  TransitGatewayRoute as Ec2TransitGatewayRoute,
  TransitGatewayRouteTable as Ec2TransitGatewayRouteTable,
  Vpc as Ec2Vpc,
  VpcEndpoint as Ec2VpcEndpoint,
  VpcPeeringConnection as Ec2VpcPeeringConnection,
  VpnConnection as Ec2VpnConnection,
  VpnGateway as Ec2VpnGateway,
  IpPermission,
  TransitGatewayPeeringAttachment,
  TransitGatewayRouteTableAssociation,
  TransitGatewayRouteTablePropagation,
  TransitGatewayVpcAttachment,
} from '@aws-sdk/client-ec2';
import type { DescribedServer } from '@aws-sdk/client-transfer';
import {
  emptyTopology,
  isUnknown,
  type LambdaFunction,
  type LambdaPermission,
  type Peer,
  type Route,
  type SecurityGroupRule,
  type Topology,
} from '../../model.js';
import {
  aclEntry,
  defaultSecurityGroupId,
  endpointType,
  normalizePolicy,
  parsePolicyText,
  peeringStatus,
  portRange,
  protocolName,
  ROUTE_TARGET_FIELDS,
  routeTargetKind,
} from '../normalize.js';
import { mapGateways } from './map-gateways.js';

/** What the IdP function's two Lambda calls answered (`policy` absent: the function has no resource policy). */
export interface DescribedFunction {
  arn: string;
  name?: string;
  timeoutSeconds?: number;
  subnetIds?: string[];
  securityGroupIds?: string[];
  policy?: string;
}

/** One transit gateway route table and what the three calls about it answered. */
export interface DescribedTransitGatewayRouteTable {
  table: Ec2TransitGatewayRouteTable;
  associations: TransitGatewayRouteTableAssociation[];
  propagations: TransitGatewayRouteTablePropagation[];
  routes: Ec2TransitGatewayRoute[];
  /** SearchTransitGatewayRoutes had more routes than live mode could read within its call budget. */
  routesTruncated?: boolean;
}

/**
 * Everything live mode reads, as the SDK returns it. The transit gateway and VPN lists are optional: answers
 * recorded before live mode read them map as an account without any. VPN connections come without their customer
 * gateway configuration and tunnel options (both hold pre-shared keys).
 */
export interface DescribeResults {
  region: string;
  servers: DescribedServer[];
  vpcs: Ec2Vpc[];
  /** `DescribeVpcAttribute` answers, read only for the server VPCs and their peers. */
  vpcAttributes: Record<string, { enableDnsSupport?: boolean; enableDnsHostnames?: boolean }>;
  securityGroups: Ec2SecurityGroup[];
  subnets: Ec2Subnet[];
  routeTables: Ec2RouteTable[];
  networkAcls: Ec2NetworkAcl[];
  peeringConnections: Ec2VpcPeeringConnection[];
  vpcEndpoints: Ec2VpcEndpoint[];
  instances: Ec2Instance[];
  functions: DescribedFunction[];
  transitGateways?: Ec2TransitGateway[];
  transitGatewayAttachments?: Ec2TransitGatewayAttachment[];
  transitGatewayVpcAttachments?: TransitGatewayVpcAttachment[];
  transitGatewayPeeringAttachments?: TransitGatewayPeeringAttachment[];
  transitGatewayRouteTables?: DescribedTransitGatewayRouteTable[];
  vpnGateways?: Ec2VpnGateway[];
  vpnConnections?: Ec2VpnConnection[];
  customerGateways?: Ec2CustomerGateway[];
}

/**
 * The VPCs whose DNS attributes rules read: server VPCs (both attributes), and (DNS support) their peers and the VPCs
 * attached to a transit gateway a server VPC is attached to.
 */
export function vpcsNeedingAttributes(
  servers: DescribedServer[],
  peerings: Ec2VpcPeeringConnection[],
  transitGatewayVpcAttachments: TransitGatewayVpcAttachment[] = [],
): { serverVpcs: Set<string>; peerVpcs: Set<string> } {
  const serverVpcs = new Set(servers.map((s) => s.EndpointDetails?.VpcId).filter((id) => id !== undefined));
  const peerVpcs = new Set<string>();
  for (const p of peerings) {
    const [left, right] = [p.RequesterVpcInfo?.VpcId, p.AccepterVpcInfo?.VpcId];
    if (left && right && serverVpcs.has(right)) peerVpcs.add(left);
    if (left && right && serverVpcs.has(left)) peerVpcs.add(right);
  }
  const hubs = new Set(
    transitGatewayVpcAttachments.filter((a) => serverVpcs.has(a.VpcId ?? '')).map((a) => a.TransitGatewayId),
  );
  for (const a of transitGatewayVpcAttachments) {
    if (a.VpcId && hubs.has(a.TransitGatewayId) && !serverVpcs.has(a.VpcId)) peerVpcs.add(a.VpcId);
  }
  return { serverVpcs, peerVpcs };
}

/** Maps live mode's answers to the model. Pure: the same answers always give the same topology. */
export function describeResultsToTopology(results: DescribeResults): Topology {
  const topology = emptyTopology({ kind: 'live', location: `aws://${results.region}` });
  const notRead = { unknown: 'not read' };
  for (const vpc of results.vpcs) {
    const id = vpc.VpcId!;
    const cidrs = (vpc.CidrBlockAssociationSet ?? [])
      .filter((a) => a.CidrBlockState?.State === 'associated' || a.CidrBlockState === undefined)
      .map((a) => a.CidrBlock!);
    const attributes = results.vpcAttributes[id] ?? {};
    topology.vpcs.push({
      id,
      cidrBlocks: cidrs.length > 0 ? cidrs : vpc.CidrBlock ? [vpc.CidrBlock] : [],
      enableDnsSupport: attributes.enableDnsSupport ?? notRead,
      enableDnsHostnames: attributes.enableDnsHostnames ?? notRead,
      defaultSecurityGroupId:
        results.securityGroups.find((g) => g.VpcId === id && g.GroupName === 'default')?.GroupId ??
        defaultSecurityGroupId(id),
      hasInternetPath: false,
    });
  }
  for (const group of results.securityGroups) {
    topology.securityGroups.push({
      id: group.GroupId!,
      vpcId: group.VpcId ?? '',
      isDefault: group.GroupName === 'default',
      ingress: (group.IpPermissions ?? []).flatMap(expandPermission),
      egress: (group.IpPermissionsEgress ?? []).flatMap(expandPermission),
    });
  }
  // A GatewayId that names a VPN gateway live mode read is one, whatever its id looks like.
  const vpnGatewayIds = new Set((results.vpnGateways ?? []).map((g) => g.VpnGatewayId));
  const tableOfSubnet = new Map<string, string>();
  for (const t of results.routeTables) {
    for (const a of t.Associations ?? []) if (a.SubnetId) tableOfSubnet.set(a.SubnetId, t.RouteTableId!);
  }
  const aclOfSubnet = new Map<string, string>();
  for (const acl of results.networkAcls) {
    for (const a of acl.Associations ?? []) if (a.SubnetId) aclOfSubnet.set(a.SubnetId, acl.NetworkAclId!);
  }
  for (const subnet of results.subnets) {
    const routeTableId = tableOfSubnet.get(subnet.SubnetId!);
    const networkAclId = aclOfSubnet.get(subnet.SubnetId!);
    topology.subnets.push({
      id: subnet.SubnetId!,
      vpcId: subnet.VpcId!,
      cidrBlock: subnet.CidrBlock ?? { unknown: 'IPv6-only subnet' },
      ...(subnet.AvailabilityZone ? { availabilityZone: subnet.AvailabilityZone } : {}),
      ...(routeTableId ? { routeTableId } : {}),
      ...(networkAclId ? { networkAclId } : {}),
    });
  }
  for (const table of results.routeTables) {
    topology.routeTables.push({
      id: table.RouteTableId!,
      vpcId: table.VpcId!,
      main: table.Associations?.some((a) => a.Main === true) ?? false,
      routes: (table.Routes ?? [])
        .filter((r) => r.DestinationCidrBlock !== undefined)
        .map((r) => route(r, vpnGatewayIds)),
      ...(table.PropagatingVgws?.length
        ? { propagatingVpnGateways: table.PropagatingVgws.map((p) => p.GatewayId!) }
        : {}),
    });
  }
  for (const vpc of topology.vpcs) {
    vpc.hasInternetPath = topology.routeTables.some(
      (t) =>
        t.vpcId === vpc.id &&
        t.routes.some((r) => !isUnknown(r.target) && ['internet-gateway', 'nat-gateway'].includes(r.target.kind)),
    );
  }
  for (const acl of results.networkAcls) {
    topology.networkAcls.push({
      id: acl.NetworkAclId!,
      vpcId: acl.VpcId!,
      entries: (acl.Entries ?? []).map((e) =>
        aclEntry({
          ruleNumber: e.RuleNumber,
          egress: e.Egress,
          action: e.RuleAction,
          protocol: e.Protocol,
          cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '0.0.0.0/0',
          portRange: e.PortRange,
        }),
      ),
    });
  }
  for (const p of results.peeringConnections) {
    const [requester, accepter] = [p.RequesterVpcInfo, p.AccepterVpcInfo];
    topology.peeringConnections.push({
      id: p.VpcPeeringConnectionId!,
      requesterVpcId: requester?.VpcId ?? '',
      accepterVpcId: accepter?.VpcId ?? '',
      status: peeringStatus(p.Status?.Code),
      ...(requester?.Region && accepter?.Region && requester.Region !== accepter.Region ? { crossRegion: true } : {}),
    });
  }
  for (const e of results.vpcEndpoints) {
    topology.vpcEndpoints.push({
      id: e.VpcEndpointId!,
      vpcId: e.VpcId!,
      serviceName: e.ServiceName ?? { unknown: 'ServiceName missing' },
      type: endpointType(e.VpcEndpointType),
      privateDnsEnabled: e.PrivateDnsEnabled === true,
      subnetIds: e.SubnetIds ?? [],
      securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId!),
      ...(e.PolicyDocument ? { policy: parsePolicyText(e.PolicyDocument) } : {}),
    });
  }
  for (const instance of results.instances) {
    if (instance.State?.Name === 'terminated') continue;
    topology.instances.push({
      id: instance.InstanceId!,
      subnetId: instance.SubnetId ?? '',
      securityGroupIds: (instance.SecurityGroups ?? []).map((g) => g.GroupId!),
      ...(instance.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
    });
  }
  for (const server of results.servers) {
    const details = server.EndpointDetails ?? {};
    // The endpoint's own groups are the truth: they show the default group Transfer attached when none was given.
    const endpoint = results.vpcEndpoints.find((e) => e.VpcEndpointId === details.VpcEndpointId);
    const protocol = server.ProtocolDetails;
    topology.transferServers.push({
      id: server.ServerId!,
      arn: server.Arn!,
      protocols: server.Protocols ?? ['SFTP'],
      endpointType: server.EndpointType ?? 'PUBLIC',
      ...(details.VpcId ? { vpcId: details.VpcId } : {}),
      subnetIds: details.SubnetIds ?? endpoint?.SubnetIds ?? [],
      securityGroupIds: endpoint?.Groups?.map((g) => g.GroupId!) ?? details.SecurityGroupIds ?? [],
      addressAllocationIds: details.AddressAllocationIds ?? [],
      identityProviderType: server.IdentityProviderType ?? 'SERVICE_MANAGED',
      ...(server.IdentityProviderDetails?.Function
        ? { identityProviderFunction: server.IdentityProviderDetails.Function }
        : {}),
      ...(server.Certificate ? { certificate: server.Certificate } : {}),
      passiveIp: protocol?.PassiveIp ?? 'AUTO',
      ...(protocol?.TlsSessionResumptionMode ? { tlsSessionResumptionMode: protocol.TlsSessionResumptionMode } : {}),
      ...(server.LoggingRole ? { loggingRole: server.LoggingRole } : {}),
      structuredLogDestinations: server.StructuredLogDestinations ?? [],
    });
  }
  for (const fn of results.functions) topology.lambdaFunctions.push(lambdaFunction(fn));
  mapGateways(results, topology);
  return topology;
}

function lambdaFunction(fn: DescribedFunction): LambdaFunction {
  return {
    id: fn.name ?? fn.arn,
    arn: fn.arn,
    name: fn.name ?? fn.arn,
    timeoutSeconds: fn.timeoutSeconds ?? 3,
    vpcSubnetIds: fn.subnetIds ?? [],
    vpcSecurityGroupIds: fn.securityGroupIds ?? [],
    permissions: fn.policy === undefined ? [] : lambdaPermissions(fn.policy),
  };
}

/** Lambda resource policy statements as permissions (`AWS:SourceArn` conditions become `sourceArn`). */
export function lambdaPermissions(policyJson: string): LambdaPermission[] {
  let statements: Record<string, unknown>[] = [];
  try {
    statements = normalizePolicy(JSON.parse(policyJson)).Statement as unknown as Record<string, unknown>[];
  } catch {
    return [];
  }
  return statements
    .filter((s) => s.Effect === 'Allow')
    .map((s) => {
      const principal = s.Principal as { Service?: string } | string | undefined;
      const condition = (s.Condition ?? {}) as Record<string, Record<string, string>>;
      const sourceArn = Object.values(condition)
        .map((c) => c['AWS:SourceArn'] ?? c['aws:SourceArn'])
        .find((v) => v !== undefined);
      const action = Array.isArray(s.Action) ? String(s.Action[0]) : String(s.Action);
      return {
        principal: typeof principal === 'string' ? principal : (principal?.Service ?? ''),
        action,
        ...(sourceArn ? { sourceArn } : {}),
      };
    });
}

function expandPermission(permission: IpPermission): SecurityGroupRule[] {
  const protocol = protocolName(permission.IpProtocol);
  const base = { protocol, ...portRange(protocol, permission.FromPort, permission.ToPort) };
  const peers: Peer[] = [
    ...(permission.IpRanges ?? []).map((r) => ({ cidr: r.CidrIp! })),
    ...(permission.UserIdGroupPairs ?? []).map((g) => ({ securityGroupId: g.GroupId! })),
    ...(permission.PrefixListIds ?? []).map((p) => ({ prefixListId: p.PrefixListId! })),
  ];
  return peers.map((peer) => ({ ...base, peer }));
}

function route(r: Ec2Route, vpnGatewayIds: Set<string | undefined>): Route {
  const fields = r as Record<string, unknown>;
  const found = ROUTE_TARGET_FIELDS.find(([field]) => typeof fields[field] === 'string');
  const id = found ? (fields[found[0]] as string) : '';
  const type = vpnGatewayIds.has(id) ? 'AWS::EC2::VPNGateway' : undefined;
  const target = found
    ? { kind: routeTargetKind(found[0], id, found[0] === 'GatewayId' ? type : undefined), id }
    : { unknown: 'route without a target' };
  return {
    destination: r.DestinationCidrBlock!,
    target,
    state: r.State === 'blackhole' ? 'blackhole' : 'active',
    // Learned from a VPN gateway propagating into the table, not configured.
    ...(r.Origin === 'EnableVgwRoutePropagation' ? { propagated: true } : {}),
  };
}
