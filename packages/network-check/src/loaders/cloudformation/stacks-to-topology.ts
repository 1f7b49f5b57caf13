import {
  emptyTopology,
  isUnknown,
  type LambdaPermission,
  type Maybe,
  type NetworkAclEntry,
  type Peer,
  type PolicyDocument,
  type RouteTargetKind,
  type SecurityGroupRule,
  type SourceLocation,
  type Topology,
} from '../../model.js';
import { arnFor, containsUnknown, resolveIntrinsics, type StackContext } from './intrinsics.js';
import type { CloudFormationTemplate } from './parse-template.js';
import { WorkBudget } from './work-budget.js';

/** One stack to load: a template plus where it came from. */
export interface StackInput {
  stackName: string;
  template: CloudFormationTemplate;
  file: string;
  /** Makes logical ids unique when several stacks are loaded together (`Stack/`). */
  idPrefix?: string;
  region?: string;
  account?: string;
  /** Values for parameters, overriding their defaults. */
  parameters?: Record<string, string>;
  /** Logical id -> CDK construct path, where the template's own `aws:cdk:path` metadata is missing. */
  constructPaths?: Record<string, string>;
}

type Props = Record<string, unknown>;

const ALL_PORTS = { fromPort: 0, toPort: 65535 };
const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1', '-1': '-1' };

/** Builds one topology from the stacks of a template file or a cdk.out folder, resolving cross-stack imports. */
export function stacksToTopology(stacks: StackInput[], source: Topology['source']): Topology {
  const builder = new TopologyBuilder(source);
  const contexts = stacks.map((stack) => builder.context(stack));
  for (const [index, stack] of stacks.entries()) builder.addStack(stack, contexts[index]!);
  return builder.finish();
}

class TopologyBuilder {
  private readonly topology: Topology;
  private readonly typeById = new Map<string, string>();
  private readonly pending: (() => void)[] = [];
  private readonly permissions: { functionName: Maybe<string>; permission: LambdaPermission }[] = [];
  private readonly importing = new Set<string>();
  private readonly templates = new Map<StackContext, CloudFormationTemplate>();
  private readonly indexes = new Map<unknown[], Map<string, unknown>>();
  private readonly budget: WorkBudget;

  constructor(source: Topology['source']) {
    this.topology = emptyTopology(source);
    this.budget = new WorkBudget(source.location);
  }

  context(stack: StackInput): StackContext {
    const parameters = { ...(stack.template.Parameters ?? {}) };
    for (const [name, value] of Object.entries(stack.parameters ?? {})) {
      parameters[name] = { ...parameters[name], Default: value };
    }
    const context: StackContext = {
      stackName: stack.stackName,
      idPrefix: stack.idPrefix ?? '',
      region: stack.region ?? '<region>',
      account: stack.account ?? '<account>',
      resources: stack.template.Resources,
      parameters,
      conditions: stack.template.Conditions ?? {},
      mappings: stack.template.Mappings ?? {},
      importValue: (name) => this.importValue(name),
      budget: this.budget,
    };
    this.templates.set(context, stack.template);
    return context;
  }

  /** Export name -> where its value is, built on the first import: one pass over the outputs, not one per import. */
  private exports: Map<string, { context: StackContext; value: unknown }> | undefined;
  private readonly imported = new Map<string, unknown>();

  private importValue(name: string): unknown {
    if (this.importing.has(name)) return { unknown: `Fn::ImportValue ${name} (cycle)` };
    if (this.imported.has(name)) return this.imported.get(name);
    this.importing.add(name);
    try {
      const found = this.exportTable().get(name);
      const value = found
        ? resolveIntrinsics(found.value, found.context)
        : { unknown: `Fn::ImportValue ${name} (no stack in this input exports it)` };
      this.imported.set(name, value);
      return value;
    } finally {
      this.importing.delete(name);
    }
  }

  private exportTable(): Map<string, { context: StackContext; value: unknown }> {
    if (this.exports === undefined) {
      this.exports = new Map();
      for (const [context, template] of this.templates) {
        for (const output of Object.values(template.Outputs ?? {})) {
          if (typeof output !== 'object' || output === null || output.Export === undefined) continue;
          const exportName = resolveIntrinsics(output.Export.Name, context);
          if (typeof exportName === 'string' && !this.exports.has(exportName)) {
            this.exports.set(exportName, { context, value: output.Value });
          }
        }
      }
    }
    return this.exports;
  }

  addStack(stack: StackInput, context: StackContext): void {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      const id = context.idPrefix + logicalId;
      this.typeById.set(id, String(resource.Type));
    }
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      if (typeof resource.Condition === 'string') {
        const enabled = resolveIntrinsics({ Condition: resource.Condition }, context);
        if (enabled === false) continue;
      }
      const metadata = resource.Metadata as Record<string, unknown> | undefined;
      const location: SourceLocation = { file: stack.file, stack: stack.stackName, logicalId };
      const constructPath = metadata?.['aws:cdk:path'] ?? stack.constructPaths?.[logicalId];
      if (typeof constructPath === 'string') location.constructPath = constructPath;
      const id = context.idPrefix + logicalId;
      const resolved = resolveIntrinsics(resource.Properties ?? {}, context);
      const props = (
        typeof resolved === 'object' && resolved !== null && !isUnknown(resolved) ? resolved : {}
      ) as Props;
      this.addResource(String(resource.Type), id, props, location, context);
    }
  }

  /** Reads resolved property values, recording what could not be resolved for CFTP-NET-028. */
  private readonly reader = (resource: string, location: SourceLocation) => ({
    str: (value: unknown, field: string): Maybe<string> | undefined => {
      if (value === undefined || value === null) return undefined;
      if (isUnknown(value)) {
        this.topology.unresolved.push({ resource, field, expression: value.unknown, location });
        return value;
      }
      return typeof value === 'object' ? { unknown: JSON.stringify(value) } : String(value);
    },
    id: (value: unknown, field: string): string => {
      if (isUnknown(value)) {
        this.topology.unresolved.push({ resource, field, expression: value.unknown, location });
        return `unknown:${value.unknown}`;
      }
      return typeof value === 'string' ? value : `unknown:${JSON.stringify(value) ?? 'missing'}`;
    },
    ids: (value: unknown, field: string): string[] => {
      if (isUnknown(value)) {
        this.topology.unresolved.push({ resource, field, expression: value.unknown, location });
        return [];
      }
      return Array.isArray(value)
        ? value.map((item, index) => this.reader(resource, location).id(item, `${field}[${index}]`))
        : [];
    },
    bool: (value: unknown, field: string, fallback: boolean): Maybe<boolean> => {
      if (isUnknown(value)) {
        this.topology.unresolved.push({ resource, field, expression: value.unknown, location });
        return value;
      }
      if (value === undefined) return fallback;
      return value === true || value === 'true';
    },
    policy: (value: unknown, field: string): Maybe<PolicyDocument> | undefined => {
      const document = typeof value === 'string' ? safeJson(value) : value;
      if (document === undefined || document === null) return undefined;
      if (isUnknown(document) || containsUnknown(document)) {
        const expression = isUnknown(document) ? document.unknown : 'a statement could not be resolved';
        this.topology.unresolved.push({ resource, field, expression, location });
        return { unknown: expression };
      }
      return normalizePolicy(document);
    },
  });

  private addResource(type: string, id: string, props: Props, location: SourceLocation, context: StackContext): void {
    const t = this.topology;
    const read = this.reader(id, location);
    switch (type) {
      case 'AWS::EC2::VPC': {
        const cidr = read.str(props.CidrBlock, 'CidrBlock');
        t.vpcs.push({
          id,
          location,
          cidrBlocks: cidr === undefined ? [] : [cidr],
          enableDnsSupport: read.bool(props.EnableDnsSupport, 'EnableDnsSupport', true),
          enableDnsHostnames: read.bool(props.EnableDnsHostnames, 'EnableDnsHostnames', false),
          defaultSecurityGroupId: `${id}.DefaultSecurityGroup`,
          hasInternetPath: false,
        });
        t.securityGroups.push({
          id: `${id}.DefaultSecurityGroup`,
          location,
          vpcId: id,
          isDefault: true,
          ingress: [{ protocol: '-1', ...ALL_PORTS, peer: { securityGroupId: `${id}.DefaultSecurityGroup` } }],
          egress: [{ protocol: '-1', ...ALL_PORTS, peer: { cidr: '0.0.0.0/0' } }],
        });
        t.routeTables.push({ id: `${id}.MainRouteTable`, location, vpcId: id, main: true, routes: [] });
        t.networkAcls.push({
          id: `${id}.DefaultNetworkAcl`,
          location,
          vpcId: id,
          entries: [false, true].map((egress) => ({
            ruleNumber: 100,
            egress,
            action: 'allow' as const,
            protocol: '-1',
            cidr: '0.0.0.0/0',
          })),
        });
        return;
      }
      case 'AWS::EC2::VPCCidrBlock':
        this.pending.push(() => {
          const cidr = read.str(props.CidrBlock, 'CidrBlock');
          const vpc = this.find(t.vpcs, read.id(props.VpcId, 'VpcId'));
          if (vpc && cidr !== undefined) vpc.cidrBlocks.push(cidr);
        });
        return;
      case 'AWS::EC2::Subnet':
        t.subnets.push({
          id,
          location,
          vpcId: read.id(props.VpcId, 'VpcId'),
          cidrBlock: read.str(props.CidrBlock, 'CidrBlock') ?? { unknown: 'CidrBlock missing' },
        });
        return;
      case 'AWS::EC2::RouteTable':
        t.routeTables.push({ id, location, vpcId: read.id(props.VpcId, 'VpcId'), main: false, routes: [] });
        return;
      case 'AWS::EC2::Route':
        this.pending.push(() => {
          const table = this.find(t.routeTables, read.id(props.RouteTableId, 'RouteTableId'));
          const destination = read.str(props.DestinationCidrBlock, 'DestinationCidrBlock');
          if (table === undefined || destination === undefined) return;
          table.routes.push({ destination, target: this.routeTarget(props, read), state: 'active' });
        });
        return;
      case 'AWS::EC2::SubnetRouteTableAssociation':
        this.pending.push(() => {
          const subnet = this.find(t.subnets, read.id(props.SubnetId, 'SubnetId'));
          if (subnet) subnet.routeTableId = read.id(props.RouteTableId, 'RouteTableId');
        });
        return;
      case 'AWS::EC2::SecurityGroup': {
        const ingress = Array.isArray(props.SecurityGroupIngress) ? props.SecurityGroupIngress : [];
        const egress = Array.isArray(props.SecurityGroupEgress) ? props.SecurityGroupEgress : undefined;
        t.securityGroups.push({
          id,
          location,
          vpcId: read.id(props.VpcId, 'VpcId'),
          isDefault: false,
          ingress: ingress.map((rule, i) => sgRule(rule as Props, 'Source', read, `SecurityGroupIngress[${i}]`)),
          // CloudFormation keeps the allow-all egress rule unless SecurityGroupEgress is given.
          egress:
            egress === undefined || egress.length === 0
              ? [{ protocol: '-1', ...ALL_PORTS, peer: { cidr: '0.0.0.0/0' } }]
              : egress.map((rule, i) => sgRule(rule as Props, 'Destination', read, `SecurityGroupEgress[${i}]`)),
        });
        return;
      }
      case 'AWS::EC2::SecurityGroupIngress':
      case 'AWS::EC2::SecurityGroupEgress':
        this.pending.push(() => {
          const group = this.find(t.securityGroups, read.id(props.GroupId, 'GroupId'));
          if (group === undefined) return;
          if (type.endsWith('Ingress')) group.ingress.push(sgRule(props, 'Source', read, 'rule'));
          else group.egress.push(sgRule(props, 'Destination', read, 'rule'));
        });
        return;
      case 'AWS::EC2::NetworkAcl':
        t.networkAcls.push({ id, location, vpcId: read.id(props.VpcId, 'VpcId'), entries: [] });
        return;
      case 'AWS::EC2::NetworkAclEntry':
        this.pending.push(() => {
          const acl = this.find(t.networkAcls, read.id(props.NetworkAclId, 'NetworkAclId'));
          if (acl === undefined) return;
          const range = (props.PortRange ?? {}) as Props;
          const entry: NetworkAclEntry = {
            ruleNumber: Number(props.RuleNumber),
            egress: props.Egress === true || props.Egress === 'true',
            action: String(props.RuleAction).toLowerCase() === 'allow' ? 'allow' : 'deny',
            protocol: PROTOCOL_NAMES[String(props.Protocol)] ?? String(props.Protocol),
            cidr: read.str(props.CidrBlock ?? props.Ipv6CidrBlock, 'CidrBlock') ?? '0.0.0.0/0',
          };
          if (range.From !== undefined) entry.fromPort = Number(range.From);
          if (range.To !== undefined) entry.toPort = Number(range.To);
          acl.entries.push(entry);
        });
        return;
      case 'AWS::EC2::SubnetNetworkAclAssociation':
        this.pending.push(() => {
          const subnet = this.find(t.subnets, read.id(props.SubnetId, 'SubnetId'));
          if (subnet) subnet.networkAclId = read.id(props.NetworkAclId, 'NetworkAclId');
        });
        return;
      case 'AWS::EC2::VPCPeeringConnection': {
        // A cross-account request without PeerRoleArn waits for the peer account to accept it.
        const crossAccount = props.PeerOwnerId !== undefined && props.PeerOwnerId !== context.account;
        t.peeringConnections.push({
          id,
          location,
          requesterVpcId: read.id(props.VpcId, 'VpcId'),
          accepterVpcId: read.id(props.PeerVpcId, 'PeerVpcId'),
          status: crossAccount && props.PeerRoleArn === undefined ? 'pending-acceptance' : 'active',
          ...(typeof props.PeerRegion === 'string' && props.PeerRegion !== context.region ? { crossRegion: true } : {}),
        });
        return;
      }
      case 'AWS::EC2::VPCEndpoint': {
        const policy = read.policy(props.PolicyDocument, 'PolicyDocument');
        t.vpcEndpoints.push({
          id,
          location,
          vpcId: read.id(props.VpcId, 'VpcId'),
          serviceName: read.str(props.ServiceName, 'ServiceName') ?? { unknown: 'ServiceName missing' },
          type: (['Interface', 'GatewayLoadBalancer'].includes(String(props.VpcEndpointType))
            ? props.VpcEndpointType
            : 'Gateway') as 'Interface' | 'Gateway',
          privateDnsEnabled: props.PrivateDnsEnabled === true || props.PrivateDnsEnabled === 'true',
          subnetIds: read.ids(props.SubnetIds, 'SubnetIds'),
          securityGroupIds: read.ids(props.SecurityGroupIds, 'SecurityGroupIds'),
          ...(policy === undefined ? {} : { policy }),
        });
        return;
      }
      case 'AWS::EC2::Instance': {
        const nic = (Array.isArray(props.NetworkInterfaces) ? props.NetworkInterfaces[0] : undefined) as
          | Props
          | undefined;
        const privateIp = props.PrivateIpAddress ?? nic?.PrivateIpAddress;
        t.instances.push({
          id,
          location,
          subnetId: read.id(props.SubnetId ?? nic?.SubnetId, 'SubnetId'),
          securityGroupIds: read.ids(props.SecurityGroupIds ?? nic?.GroupSet, 'SecurityGroupIds'),
          ...(typeof privateIp === 'string' ? { privateIp } : {}),
        });
        return;
      }
      case 'AWS::Transfer::Server': {
        const endpoint = (props.EndpointDetails ?? {}) as Props;
        const idp = (props.IdentityProviderDetails ?? {}) as Props;
        const protocol = (props.ProtocolDetails ?? {}) as Props;
        const vpcId = read.str(endpoint.VpcId, 'EndpointDetails.VpcId');
        const server: Topology['transferServers'][number] = {
          id,
          location,
          arn: arnFor(type, id, context),
          protocols: Array.isArray(props.Protocols) ? props.Protocols.map(String) : ['SFTP'],
          endpointType: typeof props.EndpointType === 'string' ? props.EndpointType : 'PUBLIC',
          subnetIds: read.ids(endpoint.SubnetIds, 'EndpointDetails.SubnetIds'),
          securityGroupIds: read.ids(endpoint.SecurityGroupIds, 'EndpointDetails.SecurityGroupIds'),
          addressAllocationIds: read.ids(endpoint.AddressAllocationIds, 'EndpointDetails.AddressAllocationIds'),
          identityProviderType:
            typeof props.IdentityProviderType === 'string' ? props.IdentityProviderType : 'SERVICE_MANAGED',
          passiveIp: read.str(protocol.PassiveIp, 'ProtocolDetails.PassiveIp') ?? 'AUTO',
          structuredLogDestinations: Array.isArray(props.StructuredLogDestinations)
            ? props.StructuredLogDestinations.map((d, i) => read.str(d, `StructuredLogDestinations[${i}]`)!)
            : [],
        };
        if (vpcId !== undefined) server.vpcId = vpcId;
        const fn = read.str(idp.Function, 'IdentityProviderDetails.Function');
        if (fn !== undefined) server.identityProviderFunction = fn;
        const certificate = read.str(props.Certificate, 'Certificate');
        if (certificate !== undefined) server.certificate = certificate;
        if (typeof protocol.TlsSessionResumptionMode === 'string') {
          server.tlsSessionResumptionMode = protocol.TlsSessionResumptionMode;
        }
        const loggingRole = read.str(props.LoggingRole, 'LoggingRole');
        if (loggingRole !== undefined) server.loggingRole = loggingRole;
        t.transferServers.push(server);
        return;
      }
      case 'AWS::Lambda::Function': {
        const vpc = (props.VpcConfig ?? {}) as Props;
        t.lambdaFunctions.push({
          id,
          location,
          arn: arnFor(type, id, context),
          name: typeof props.FunctionName === 'string' ? props.FunctionName : id,
          timeoutSeconds: props.Timeout === undefined ? 3 : Number(props.Timeout),
          vpcSubnetIds: read.ids(vpc.SubnetIds, 'VpcConfig.SubnetIds'),
          vpcSecurityGroupIds: read.ids(vpc.SecurityGroupIds, 'VpcConfig.SecurityGroupIds'),
          permissions: [],
        });
        return;
      }
      case 'AWS::Lambda::Permission': {
        const permission: LambdaPermission = {
          principal: read.str(props.Principal, 'Principal') ?? '',
          action: String(props.Action),
        };
        const sourceArn = read.str(props.SourceArn, 'SourceArn');
        if (sourceArn !== undefined) permission.sourceArn = sourceArn;
        this.permissions.push({ functionName: read.str(props.FunctionName, 'FunctionName') ?? '', permission });
        return;
      }
      case 'AWS::IAM::Role': {
        const inline = Array.isArray(props.Policies) ? props.Policies : [];
        const managed = Array.isArray(props.ManagedPolicyArns) ? props.ManagedPolicyArns : [];
        const trust = read.policy(props.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument');
        t.roles.push({
          id,
          location,
          arn: arnFor(type, id, context),
          name: typeof props.RoleName === 'string' ? props.RoleName : id,
          ...(trust === undefined ? {} : { trustPolicy: trust }),
          policies: [
            ...inline.flatMap((p, i) => read.policy((p as Props)?.PolicyDocument, `Policies[${i}]`) ?? []),
            // A managed policy's statements are not in the template.
            ...managed.map((arn) => ({ unknown: `managed policy ${JSON.stringify(arn)}` })),
          ],
        });
        return;
      }
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        this.pending.push(() => {
          const document = read.policy(props.PolicyDocument, 'PolicyDocument');
          const roles = Array.isArray(props.Roles) ? props.Roles : [];
          for (const name of roles) {
            const role = t.roles.find((r) => r.id === name || r.name === name);
            if (role && document !== undefined) role.policies.push(document);
          }
        });
        return;
      case 'AWS::S3::Bucket':
        t.buckets.push({
          id,
          location,
          name: typeof props.BucketName === 'string' ? props.BucketName : id,
          arn: arnFor(type, id, context),
        });
        return;
      case 'AWS::S3::BucketPolicy':
        this.pending.push(() => {
          const name = read.id(props.Bucket, 'Bucket');
          const policy = read.policy(props.PolicyDocument, 'PolicyDocument');
          if (policy === undefined || name.startsWith('unknown:')) return;
          const bucket = t.buckets.find((b) => b.id === name || b.name === name);
          // A policy on a bucket made elsewhere still decides what the user role may do there.
          if (bucket) bucket.policy = policy;
          else t.buckets.push({ id, location, name, arn: `arn:aws:s3:::${name}`, policy });
        });
        return;
      case 'AWS::SecretsManager::Secret': {
        const generate = (props.GenerateSecretString ?? {}) as Props;
        const text = props.SecretString ?? generate.SecretStringTemplate;
        if (isUnknown(text)) {
          read.str(text, 'SecretString');
          return;
        }
        const secret = typeof text === 'string' ? safeJson(text) : undefined;
        const role = (secret as Props | undefined)?.Role;
        if (typeof role === 'string') t.secrets.push({ id, location, roleArn: role });
        return;
      }
    }
  }

  private routeTarget(
    props: Props,
    read: ReturnType<TopologyBuilder['reader']>,
  ): Topology['routeTables'][number]['routes'][number]['target'] {
    const fields: [string, RouteTargetKind][] = [
      ['VpcPeeringConnectionId', 'peering'],
      ['NatGatewayId', 'nat-gateway'],
      ['TransitGatewayId', 'transit-gateway'],
      ['VpcEndpointId', 'vpc-endpoint'],
      ['GatewayId', 'internet-gateway'],
      ['InstanceId', 'other'],
      ['NetworkInterfaceId', 'other'],
    ];
    for (const [field, kind] of fields) {
      if (props[field] === undefined) continue;
      const id = read.id(props[field], field);
      if (id.startsWith('unknown:')) return { unknown: id.slice('unknown:'.length) };
      if (field === 'GatewayId') return { kind: gatewayKind(id, this.typeById.get(id)), id };
      return { kind, id };
    }
    return { unknown: 'route without a target' };
  }

  /** By id, indexed on first use: pending steps run after every resource is added, so the lists are complete. */
  private find<T extends { id: string }>(list: T[], id: string): T | undefined {
    let index = this.indexes.get(list);
    if (index === undefined) {
      index = new Map(list.map((item) => [item.id, item]));
      this.indexes.set(list, index);
    }
    return index.get(id) as T | undefined;
  }

  finish(): Topology {
    for (const step of this.pending) step();
    const t = this.topology;
    for (const { functionName, permission } of this.permissions) {
      const fn = t.lambdaFunctions.find(
        (f) =>
          functionName === f.id ||
          functionName === f.arn ||
          functionName === f.name ||
          (typeof functionName === 'string' && functionName.startsWith(`${f.arn}:`)),
      );
      fn?.permissions.push(permission);
    }
    for (const table of t.routeTables) {
      const vpc = this.find(t.vpcs, table.vpcId);
      const local = (vpc?.cidrBlocks ?? []).map((destination) => ({
        destination,
        target: { kind: 'local' as const, id: 'local' },
        state: 'active' as const,
      }));
      table.routes.unshift(...local);
      if (
        vpc &&
        table.routes.some((r) => !isUnknown(r.target) && ['internet-gateway', 'nat-gateway'].includes(r.target.kind))
      ) {
        vpc.hasInternetPath = true;
      }
    }
    return t;
  }
}

function gatewayKind(id: string, type: string | undefined): RouteTargetKind {
  if (id === 'local') return 'local';
  if (type === 'AWS::EC2::VPNGateway' || id.startsWith('vgw-')) return 'vpn-gateway';
  if (type === 'AWS::EC2::InternetGateway' || type === 'AWS::EC2::EgressOnlyInternetGateway' || id.startsWith('igw-')) {
    return 'internet-gateway';
  }
  return type === undefined && !id.startsWith('igw-') ? 'other' : 'internet-gateway';
}

function sgRule(
  rule: Props,
  side: 'Source' | 'Destination',
  read: { id(value: unknown, field: string): string; str(value: unknown, field: string): Maybe<string> | undefined },
  field: string,
): SecurityGroupRule {
  const protocol = PROTOCOL_NAMES[String(rule.IpProtocol)] ?? String(rule.IpProtocol).toLowerCase();
  const all = protocol === '-1';
  const fromPort = all || rule.FromPort === undefined ? 0 : Number(rule.FromPort);
  const toPort = all || rule.ToPort === undefined ? 65535 : Number(rule.ToPort);
  let peer: Peer = { unknown: `${field} has no peer` };
  const cidr = rule.CidrIp ?? rule.CidrIpv6;
  const group = rule[`${side}SecurityGroupId`];
  const prefixList = rule[`${side}PrefixListId`];
  if (cidr !== undefined) {
    const value = read.str(cidr, `${field}.CidrIp`);
    peer = value === undefined || isUnknown(value) ? (value ?? peer) : { cidr: value };
  } else if (group !== undefined) {
    const value = read.id(group, `${field}.${side}SecurityGroupId`);
    peer = value.startsWith('unknown:') ? { unknown: value.slice(8) } : { securityGroupId: value };
  } else if (prefixList !== undefined) {
    peer = { prefixListId: read.id(prefixList, `${field}.${side}PrefixListId`) };
  }
  return { protocol, fromPort: Math.max(fromPort, 0), toPort: toPort < 0 ? 65535 : toPort, peer };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
