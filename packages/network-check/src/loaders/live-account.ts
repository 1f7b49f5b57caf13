import {
  DescribeVpcAttributeCommand,
  EC2Client,
  type Route as Ec2Route,
  type IpPermission,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import {
  GetFunctionConfigurationCommand,
  type GetFunctionConfigurationCommandOutput,
  GetPolicyCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  type DescribedServer,
  DescribeServerCommand,
  paginateListServers,
  TransferClient,
} from '@aws-sdk/client-transfer';
import { PACKAGE_DOCS_URL } from '../catalog.js';
import { LiveCallError, LiveRegionError } from '../errors.js';
import {
  emptyTopology,
  isUnknown,
  type LambdaFunction,
  type LambdaPermission,
  type Peer,
  type RouteTargetKind,
  type SecurityGroupRule,
  type Topology,
} from '../model.js';
import { normalizePolicy } from './cloudformation/stacks-to-topology.js';

export interface LiveClients {
  ec2: EC2Client;
  transfer: TransferClient;
  lambda: LambdaClient;
}

export interface LiveLoadOptions {
  /** Region to read; default the SDK's (AWS_REGION, profile). */
  region?: string;
  /** Only these Transfer servers (`s-...`); default every server in the region. */
  serverIds?: string[];
  /** EC2 instances to treat as FTP clients; without them, subnets of VPCs peered with the server VPC are. */
  clientInstanceIds?: string[];
  /** Injected clients (tests, custom credentials); default clients use adaptive retry. */
  clients?: LiveClients;
  /** Called before each step, for progress output. */
  onProgress?: (step: string) => void;
}

const MAX_ATTEMPTS = 8;

/** Reads the account's network and Transfer configuration through read-only Describe calls. */
export async function loadLiveAccount(options: LiveLoadOptions = {}): Promise<Topology> {
  const config = {
    ...(options.region ? { region: options.region } : {}),
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS,
  };
  const clients = options.clients ?? {
    ec2: new EC2Client(config),
    transfer: new TransferClient(config),
    lambda: new LambdaClient(config),
  };
  const progress = options.onProgress ?? (() => {});
  const region =
    options.region ??
    (await clients.ec2.config.region().catch((error: unknown) => {
      throw new LiveRegionError('No AWS region: pass --region or set AWS_REGION.', { cause: error });
    }));
  const topology = emptyTopology({ kind: 'live', location: `aws://${region}` });
  const { ec2 } = clients;
  const collect = async <P, T>(action: string, pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined) => {
    progress(action);
    const items: T[] = [];
    try {
      for await (const page of pages) items.push(...(pick(page) ?? []));
    } catch (error) {
      throw liveError(action, error);
    }
    return items;
  };

  const servers = await loadServers(clients.transfer, options.serverIds, progress);
  const vpcs = await collect('ec2:DescribeVpcs', paginateDescribeVpcs({ client: ec2 }, {}), (p) => p.Vpcs);
  const groups = await collect(
    'ec2:DescribeSecurityGroups',
    paginateDescribeSecurityGroups({ client: ec2 }, {}),
    (p) => p.SecurityGroups,
  );
  const subnets = await collect('ec2:DescribeSubnets', paginateDescribeSubnets({ client: ec2 }, {}), (p) => p.Subnets);
  const tables = await collect(
    'ec2:DescribeRouteTables',
    paginateDescribeRouteTables({ client: ec2 }, {}),
    (p) => p.RouteTables,
  );
  const acls = await collect(
    'ec2:DescribeNetworkAcls',
    paginateDescribeNetworkAcls({ client: ec2 }, {}),
    (p) => p.NetworkAcls,
  );
  const peerings = await collect(
    'ec2:DescribeVpcPeeringConnections',
    paginateDescribeVpcPeeringConnections({ client: ec2 }, {}),
    (p) => p.VpcPeeringConnections,
  );
  const endpoints = await collect(
    'ec2:DescribeVpcEndpoints',
    paginateDescribeVpcEndpoints({ client: ec2 }, {}),
    (p) => p.VpcEndpoints,
  );
  const instances =
    options.clientInstanceIds && options.clientInstanceIds.length > 0
      ? await collect(
          'ec2:DescribeInstances',
          paginateDescribeInstances({ client: ec2 }, { InstanceIds: options.clientInstanceIds }),
          (p) => p.Reservations?.flatMap((r) => r.Instances ?? []),
        )
      : [];

  for (const vpc of vpcs) {
    const id = vpc.VpcId!;
    const cidrs = (vpc.CidrBlockAssociationSet ?? [])
      .filter((a) => a.CidrBlockState?.State === 'associated' || a.CidrBlockState === undefined)
      .map((a) => a.CidrBlock!);
    const attribute = async (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => {
      progress(`ec2:DescribeVpcAttribute ${id} ${Attribute}`);
      try {
        const out = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute }));
        return (Attribute === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value ?? false;
      } catch (error) {
        throw liveError('ec2:DescribeVpcAttribute', error);
      }
    };
    const isServerVpc = servers.some((s) => s.EndpointDetails?.VpcId === id);
    topology.vpcs.push({
      id,
      cidrBlocks: cidrs.length > 0 ? cidrs : vpc.CidrBlock ? [vpc.CidrBlock] : [],
      // Two calls per VPC: only where a rule needs them (server VPCs, and client VPCs resolved lazily as peers).
      enableDnsSupport:
        isServerVpc || peerOfServer(id, peerings, servers)
          ? await attribute('enableDnsSupport')
          : { unknown: 'not read' },
      enableDnsHostnames: isServerVpc ? await attribute('enableDnsHostnames') : { unknown: 'not read' },
      defaultSecurityGroupId:
        groups.find((g) => g.VpcId === id && g.GroupName === 'default')?.GroupId ?? `${id}.default`,
      hasInternetPath: false,
    });
  }
  for (const group of groups) {
    topology.securityGroups.push({
      id: group.GroupId!,
      vpcId: group.VpcId ?? '',
      isDefault: group.GroupName === 'default',
      ingress: (group.IpPermissions ?? []).flatMap(expandPermission),
      egress: (group.IpPermissionsEgress ?? []).flatMap(expandPermission),
    });
  }
  const tableOfSubnet = new Map<string, string>();
  for (const t of tables)
    for (const a of t.Associations ?? []) if (a.SubnetId) tableOfSubnet.set(a.SubnetId, t.RouteTableId!);
  const aclOfSubnet = new Map<string, string>();
  for (const acl of acls)
    for (const a of acl.Associations ?? []) if (a.SubnetId) aclOfSubnet.set(a.SubnetId, acl.NetworkAclId!);
  for (const subnet of subnets) {
    const routeTableId = tableOfSubnet.get(subnet.SubnetId!);
    const networkAclId = aclOfSubnet.get(subnet.SubnetId!);
    topology.subnets.push({
      id: subnet.SubnetId!,
      vpcId: subnet.VpcId!,
      cidrBlock: subnet.CidrBlock ?? { unknown: 'IPv6-only subnet' },
      ...(routeTableId ? { routeTableId } : {}),
      ...(networkAclId ? { networkAclId } : {}),
    });
  }
  for (const table of tables) {
    topology.routeTables.push({
      id: table.RouteTableId!,
      vpcId: table.VpcId!,
      main: table.Associations?.some((a) => a.Main === true) ?? false,
      routes: (table.Routes ?? [])
        .filter((r) => r.DestinationCidrBlock !== undefined)
        .map((r) => ({
          destination: r.DestinationCidrBlock!,
          target: routeTarget(r),
          state: r.State === 'blackhole' ? 'blackhole' : 'active',
        })),
    });
  }
  for (const vpc of topology.vpcs) {
    vpc.hasInternetPath = topology.routeTables.some(
      (t) =>
        t.vpcId === vpc.id &&
        t.routes.some((r) => !isUnknown(r.target) && ['internet-gateway', 'nat-gateway'].includes(r.target.kind)),
    );
  }
  for (const acl of acls) {
    topology.networkAcls.push({
      id: acl.NetworkAclId!,
      vpcId: acl.VpcId!,
      entries: (acl.Entries ?? []).map((e) => ({
        ruleNumber: e.RuleNumber ?? 32767,
        egress: e.Egress === true,
        action: e.RuleAction === 'allow' ? 'allow' : 'deny',
        protocol: e.Protocol === '6' ? 'tcp' : e.Protocol === '17' ? 'udp' : (e.Protocol ?? '-1'),
        cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '0.0.0.0/0',
        ...(e.PortRange?.From !== undefined ? { fromPort: e.PortRange.From } : {}),
        ...(e.PortRange?.To !== undefined ? { toPort: e.PortRange.To } : {}),
      })),
    });
  }
  for (const p of peerings) {
    const code = p.Status?.Code ?? 'other';
    topology.peeringConnections.push({
      id: p.VpcPeeringConnectionId!,
      requesterVpcId: p.RequesterVpcInfo?.VpcId ?? '',
      accepterVpcId: p.AccepterVpcInfo?.VpcId ?? '',
      status: (['active', 'pending-acceptance', 'failed', 'deleted'].includes(code) ? code : 'other') as 'active',
      ...(p.RequesterVpcInfo?.Region &&
      p.AccepterVpcInfo?.Region &&
      p.RequesterVpcInfo.Region !== p.AccepterVpcInfo.Region
        ? { crossRegion: true }
        : {}),
    });
  }
  for (const e of endpoints) {
    topology.vpcEndpoints.push({
      id: e.VpcEndpointId!,
      vpcId: e.VpcId!,
      serviceName: e.ServiceName ?? { unknown: 'ServiceName missing' },
      type: (e.VpcEndpointType ?? 'Gateway') as 'Interface',
      privateDnsEnabled: e.PrivateDnsEnabled === true,
      subnetIds: e.SubnetIds ?? [],
      securityGroupIds: (e.Groups ?? []).map((g) => g.GroupId!),
      ...(e.PolicyDocument ? { policy: parsePolicy(e.PolicyDocument) } : {}),
    });
  }
  for (const instance of instances) {
    if (instance.State?.Name === 'terminated') continue;
    topology.instances.push({
      id: instance.InstanceId!,
      subnetId: instance.SubnetId ?? '',
      securityGroupIds: (instance.SecurityGroups ?? []).map((g) => g.GroupId!),
      ...(instance.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
    });
  }
  for (const server of servers) {
    const details = server.EndpointDetails ?? {};
    // The endpoint's own groups are the truth: they show the default group Transfer attached when none was given.
    const endpoint = endpoints.find((e) => e.VpcEndpointId === details.VpcEndpointId);
    const securityGroupIds = endpoint?.Groups?.map((g) => g.GroupId!) ?? details.SecurityGroupIds ?? [];
    topology.transferServers.push({
      id: server.ServerId!,
      arn: server.Arn!,
      protocols: server.Protocols ?? ['SFTP'],
      endpointType: server.EndpointType ?? 'PUBLIC',
      ...(details.VpcId ? { vpcId: details.VpcId } : {}),
      subnetIds: details.SubnetIds ?? endpoint?.SubnetIds ?? [],
      securityGroupIds,
      addressAllocationIds: details.AddressAllocationIds ?? [],
      identityProviderType: server.IdentityProviderType ?? 'SERVICE_MANAGED',
      ...(server.IdentityProviderDetails?.Function
        ? { identityProviderFunction: server.IdentityProviderDetails.Function }
        : {}),
      ...(server.Certificate ? { certificate: server.Certificate } : {}),
      passiveIp: server.ProtocolDetails?.PassiveIp ?? 'AUTO',
      ...(server.ProtocolDetails?.TlsSessionResumptionMode
        ? { tlsSessionResumptionMode: server.ProtocolDetails.TlsSessionResumptionMode }
        : {}),
      ...(server.LoggingRole ? { loggingRole: server.LoggingRole } : {}),
      structuredLogDestinations: server.StructuredLogDestinations ?? [],
    });
    const fn = server.IdentityProviderDetails?.Function;
    if (fn && !topology.lambdaFunctions.some((f) => f.arn === fn)) {
      topology.lambdaFunctions.push(await loadFunction(clients.lambda, fn, progress));
    }
  }
  return topology;
}

async function loadServers(client: TransferClient, only: string[] | undefined, progress: (step: string) => void) {
  let ids = only;
  if (ids === undefined) {
    progress('transfer:ListServers');
    ids = [];
    try {
      for await (const page of paginateListServers({ client }, {}))
        ids.push(...(page.Servers ?? []).map((s) => s.ServerId!));
    } catch (error) {
      throw liveError('transfer:ListServers', error);
    }
  }
  const servers: DescribedServer[] = [];
  for (const ServerId of ids) {
    progress(`transfer:DescribeServer ${ServerId}`);
    try {
      const out = await client.send(new DescribeServerCommand({ ServerId }));
      if (out.Server) servers.push(out.Server);
    } catch (error) {
      throw liveError('transfer:DescribeServer', error);
    }
  }
  return servers;
}

async function loadFunction(
  client: LambdaClient,
  arn: string,
  progress: (step: string) => void,
): Promise<LambdaFunction> {
  progress(`lambda:GetFunctionConfiguration ${arn}`);
  let c: GetFunctionConfigurationCommandOutput;
  try {
    c = await client.send(new GetFunctionConfigurationCommand({ FunctionName: arn }));
  } catch (error) {
    throw liveError('lambda:GetFunctionConfiguration', error);
  }
  progress(`lambda:GetPolicy ${arn}`);
  let permissions: LambdaPermission[] = [];
  try {
    const policy = await client.send(new GetPolicyCommand({ FunctionName: arn }));
    permissions = lambdaPermissions(policy.Policy ?? '{}');
  } catch (error) {
    // No resource policy at all is a finding (CFTP-NET-021), not a failure to read.
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw liveError('lambda:GetPolicy', error);
  }
  return {
    id: c.FunctionName ?? arn,
    arn: c.FunctionArn ?? arn,
    name: c.FunctionName ?? arn,
    timeoutSeconds: c.Timeout ?? 3,
    vpcSubnetIds: c.VpcConfig?.SubnetIds ?? [],
    vpcSecurityGroupIds: c.VpcConfig?.SecurityGroupIds ?? [],
    permissions,
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

function peerOfServer(
  vpcId: string,
  peerings: { RequesterVpcInfo?: { VpcId?: string }; AccepterVpcInfo?: { VpcId?: string } }[],
  servers: DescribedServer[],
): boolean {
  const serverVpcs = new Set(servers.map((s) => s.EndpointDetails?.VpcId));
  return peerings.some(
    (p) =>
      (p.RequesterVpcInfo?.VpcId === vpcId && serverVpcs.has(p.AccepterVpcInfo?.VpcId)) ||
      (p.AccepterVpcInfo?.VpcId === vpcId && serverVpcs.has(p.RequesterVpcInfo?.VpcId)),
  );
}

function expandPermission(permission: IpPermission): SecurityGroupRule[] {
  const protocol = permission.IpProtocol === '6' ? 'tcp' : (permission.IpProtocol ?? '-1');
  const all = protocol === '-1';
  const base = {
    protocol,
    fromPort: all ? 0 : (permission.FromPort ?? 0),
    toPort: all ? 65535 : (permission.ToPort ?? 65535),
  };
  const peers: Peer[] = [
    ...(permission.IpRanges ?? []).map((r) => ({ cidr: r.CidrIp! })),
    ...(permission.UserIdGroupPairs ?? []).map((g) => ({ securityGroupId: g.GroupId! })),
    ...(permission.PrefixListIds ?? []).map((p) => ({ prefixListId: p.PrefixListId! })),
  ];
  return peers.map((peer) => ({ ...base, peer }));
}

function routeTarget(route: Ec2Route): Topology['routeTables'][number]['routes'][number]['target'] {
  const pairs: [string | undefined, RouteTargetKind][] = [
    [route.VpcPeeringConnectionId, 'peering'],
    [route.NatGatewayId, 'nat-gateway'],
    [route.TransitGatewayId, 'transit-gateway'],
    [
      route.GatewayId,
      route.GatewayId === 'local'
        ? 'local'
        : route.GatewayId?.startsWith('vgw-')
          ? 'vpn-gateway'
          : route.GatewayId?.startsWith('vpce-')
            ? 'vpc-endpoint'
            : 'internet-gateway',
    ],
    [route.InstanceId ?? route.NetworkInterfaceId, 'other'],
  ];
  const found = pairs.find(([id]) => id !== undefined);
  return found ? { kind: found[1], id: found[0]! } : { unknown: 'route without a target' };
}

function parsePolicy(text: string) {
  try {
    return normalizePolicy(JSON.parse(text));
  } catch {
    return { unknown: 'PolicyDocument is not JSON' };
  }
}

function liveError(action: string, error: unknown): LiveCallError {
  const name = (error as { name?: string }).name ?? 'Error';
  const hint = /AccessDenied|UnauthorizedOperation|AccessDeniedException/.test(name)
    ? `the credentials lack ${action}; grant the read-only actions listed in LIVE_IAM_ACTIONS (${PACKAGE_DOCS_URL}#live-mode)`
    : /Throttl|RequestLimitExceeded|TooManyRequests/.test(name)
      ? `the API is throttling after ${MAX_ATTEMPTS} attempts; retry later or narrow the run with --server`
      : /Credential|ExpiredToken|InvalidClientTokenId/.test(name)
        ? 'no valid AWS credentials; set AWS_PROFILE (or --aws-profile) or log in again'
        : 'check the region and the credentials';
  return new LiveCallError(`${action} failed (${name}): ${hint}.`, { cause: error });
}
