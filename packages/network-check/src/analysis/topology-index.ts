import {
  isUnknown,
  type Maybe,
  type NetworkAcl,
  type PeeringConnection,
  type Route,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Topology,
  type TransferServer,
  type TransitGateway,
  type TransitGatewayAttachment,
  type TransitGatewayRouteTable,
  type Vpc,
  type VpnConnection,
  type VpnGateway,
} from '../model.js';
import { cidrContains, cidrsOverlap, parseCidr } from './cidr.js';
import { type TableRoutes, tableRoutes } from './transit-gateways.js';

/** A client network given by the user (`--client-cidr`, `clients`): a CIDR and, optionally, where it enters AWS. */
export interface DeclaredClient {
  cidr: string;
  /**
   * The gateway or attachment it enters by: a transit gateway attachment (VPN, Direct Connect, peering), a VPN
   * connection or a VPN gateway, by id. Absent: inferred from VPN static routes and the endpoint's routes.
   */
  via?: string;
}

/** A source of FTP connections: an EC2 instance, a subnet of a peered VPC, or a declared (on-premises) CIDR. */
export interface Client {
  name: string;
  kind: 'instance' | 'subnet' | 'declared';
  cidr: Maybe<string>;
  vpcId?: string;
  subnet?: Subnet;
  securityGroupIds?: string[];
  /** Declared clients: the `via` the user gave. */
  via?: string;
}

/** Where a declared client network enters AWS. */
export type ClientEntry =
  | { kind: 'transit-gateway-attachment'; attachment: TransitGatewayAttachment; inferred: boolean }
  | { kind: 'vpn-gateway'; id: string; vpcId?: string; inferred: boolean };

/** Lookups the rules share, built once per topology. */
export class TopologyIndex {
  private readonly vpcs: Map<string, Vpc>;
  private readonly subnets: Map<string, Subnet>;
  private readonly groups: Map<string, SecurityGroup>;
  private readonly tables: Map<string, RouteTable>;
  private readonly acls: Map<string, NetworkAcl>;
  private readonly mainTables = new Map<string, RouteTable>();
  private readonly subnetsByVpc = new Map<string, Subnet[]>();
  private readonly peeringsByVpc = new Map<string, PeeringConnection[]>();
  private readonly clientsByServer = new Map<TransferServer, Client[]>();
  private readonly vpnGateways: Map<string, VpnGateway>;
  private readonly vpnConnectionsByGateway = new Map<string, VpnConnection[]>();
  private readonly vpnConnections: Map<string, VpnConnection>;
  private readonly transitGateways: Map<string, TransitGateway>;
  private readonly attachments: Map<string, TransitGatewayAttachment>;
  private readonly attachmentsByVpc = new Map<string, TransitGatewayAttachment[]>();
  private readonly tgwTableByAttachment = new Map<string, TransitGatewayRouteTable>();
  private readonly tgwRoutes = new Map<TransitGatewayRouteTable, TableRoutes>();
  private readonly declaredClients: DeclaredClient[];

  constructor(
    readonly topology: Topology,
    declared: readonly (string | DeclaredClient)[] = [],
  ) {
    this.declaredClients = declared.map((d) => (typeof d === 'string' ? { cidr: d } : d));
    this.vpnConnections = byId(topology.vpnConnections ?? []);
    this.transitGateways = byId(topology.transitGateways ?? []);
    this.attachments = byId(topology.transitGatewayAttachments ?? []);
    for (const attachment of topology.transitGatewayAttachments ?? []) {
      if (attachment.vpcId)
        push(this.attachmentsByVpc, `${attachment.transitGatewayId} ${attachment.vpcId}`, attachment);
    }
    for (const table of topology.transitGatewayRouteTables ?? []) {
      for (const id of table.associatedAttachmentIds) this.tgwTableByAttachment.set(id, table);
    }
    this.vpcs = byId(topology.vpcs);
    this.subnets = byId(topology.subnets);
    this.groups = byId(topology.securityGroups);
    this.tables = byId(topology.routeTables);
    this.acls = byId(topology.networkAcls);
    this.vpnGateways = byId(topology.vpnGateways ?? []);
    for (const connection of topology.vpnConnections ?? []) {
      if (connection.vpnGatewayId) push(this.vpnConnectionsByGateway, connection.vpnGatewayId, connection);
    }
    for (const table of topology.routeTables) if (table.main) this.mainTables.set(table.vpcId, table);
    for (const subnet of topology.subnets) push(this.subnetsByVpc, subnet.vpcId, subnet);
    for (const peering of topology.peeringConnections) {
      push(this.peeringsByVpc, peering.requesterVpcId, peering);
      if (peering.accepterVpcId !== peering.requesterVpcId) push(this.peeringsByVpc, peering.accepterVpcId, peering);
    }
  }

  vpc(id: string | undefined): Vpc | undefined {
    return id === undefined ? undefined : this.vpcs.get(id);
  }

  subnet(id: string): Subnet | undefined {
    return this.subnets.get(id);
  }

  securityGroup(id: string): SecurityGroup | undefined {
    return this.groups.get(id);
  }

  /** The subnet's explicitly associated route table, else its VPC's main table. */
  routeTableOf(subnet: Subnet): RouteTable | undefined {
    return subnet.routeTableId === undefined ? this.mainTables.get(subnet.vpcId) : this.tables.get(subnet.routeTableId);
  }

  /** The subnet's network ACL, else its VPC's default ACL. */
  networkAclOf(subnet: Subnet): NetworkAcl | undefined {
    return this.acls.get(subnet.networkAclId ?? `${subnet.vpcId}.DefaultNetworkAcl`);
  }

  serverVpcId(server: TransferServer): string | undefined {
    if (typeof server.vpcId === 'string') return server.vpcId;
    return server.subnetIds.map((id) => this.subnets.get(id)?.vpcId).find((id) => id !== undefined);
  }

  endpointSubnets(server: TransferServer): Subnet[] {
    return server.subnetIds.map((id) => this.subnets.get(id)).filter((s): s is Subnet => s !== undefined);
  }

  /** The groups on the endpoint; with none listed, Transfer attaches the VPC default group. */
  endpointSecurityGroupIds(server: TransferServer): string[] {
    if (server.securityGroupIds.length > 0) return server.securityGroupIds;
    const vpc = this.vpc(this.serverVpcId(server));
    return vpc ? [vpc.defaultSecurityGroupId] : [];
  }

  groupsOf(ids: string[]): SecurityGroup[] {
    return ids.map((id) => this.groups.get(id)).filter((g): g is SecurityGroup => g !== undefined);
  }

  /** The most specific route covering all of `cidr` (longest prefix). */
  lookupRoute(table: RouteTable, cidr: string): Route | undefined {
    let best: Route | undefined;
    let bestPrefix = -1;
    for (const route of table.routes) {
      if (isUnknown(route.destination) || !cidrContains(route.destination, cidr)) continue;
      const prefix = parseCidr(route.destination)!.prefix;
      if (prefix > bestPrefix) {
        best = route;
        bestPrefix = prefix;
      }
    }
    return best;
  }

  /** Routes for parts of `cidr` only: they win over the covering route for the addresses they name. */
  narrowerRoutes(table: RouteTable, cidr: string): Route[] {
    return table.routes.filter(
      (r) => !isUnknown(r.destination) && cidrContains(cidr, r.destination) && !cidrContains(r.destination, cidr),
    );
  }

  vpnGateway(id: string): VpnGateway | undefined {
    return this.vpnGateways.get(id);
  }

  vpnConnectionsOf(gatewayId: string): VpnConnection[] {
    return this.vpnConnectionsByGateway.get(gatewayId) ?? [];
  }

  vpnConnection(id: string | undefined): VpnConnection | undefined {
    return id === undefined ? undefined : this.vpnConnections.get(id);
  }

  transitGateway(id: string): TransitGateway | undefined {
    return this.transitGateways.get(id);
  }

  transitGatewayAttachment(id: string): TransitGatewayAttachment | undefined {
    return this.attachments.get(id);
  }

  /** The VPC attachments of `vpcId` to transit gateway `gatewayId`. */
  attachmentsOfVpc(gatewayId: string, vpcId: string): TransitGatewayAttachment[] {
    return this.attachmentsByVpc.get(`${gatewayId} ${vpcId}`) ?? [];
  }

  /** The transit gateway route table an attachment is associated with. */
  transitGatewayRouteTableOf(attachmentId: string): TransitGatewayRouteTable | undefined {
    return this.tgwTableByAttachment.get(attachmentId);
  }

  /** A TGW route table's routes, listed and propagated, derived once per table. */
  transitGatewayRoutes(table: TransitGatewayRouteTable): TableRoutes {
    let routes = this.tgwRoutes.get(table);
    if (routes === undefined) {
      routes = tableRoutes(this, table);
      this.tgwRoutes.set(table, routes);
    }
    return routes;
  }

  /** Whether `cidr` lies outside every VPC of the input (an on-premises or other-account network). */
  outsideVpcs(cidr: string): boolean {
    return !this.topology.vpcs.some((v) => v.cidrBlocks.some((b) => !isUnknown(b) && cidrsOverlap(b, cidr)));
  }

  /**
   * Where a declared client network enters AWS: the `via` the user gave, else a VPN connection whose static routes
   * cover it, else the route the endpoint subnets' tables use for it. `undefined`: not known.
   */
  entryOf(client: Client, endpointSubnets: Subnet[]): ClientEntry | undefined {
    if (client.kind !== 'declared' || isUnknown(client.cidr)) return undefined;
    if (client.via !== undefined) return this.entryById(client.via, false);
    const cidr = client.cidr;
    const connection = this.topology.vpnConnections.find((c) =>
      c.staticRoutes.some((r) => !isUnknown(r) && cidrContains(r, cidr)),
    );
    if (connection) return this.entryById(connection.id, true);
    for (const subnet of endpointSubnets) {
      const table = this.routeTableOf(subnet);
      const route = table && this.lookupRoute(table, cidr);
      if (route === undefined || isUnknown(route.target)) continue;
      if (route.target.kind === 'vpn-gateway') return this.entryById(route.target.id, true);
      if (route.target.kind !== 'transit-gateway') continue;
      const own = this.attachmentsOfVpc(route.target.id, subnet.vpcId)[0];
      const tgwTable = own && this.transitGatewayRouteTableOf(own.id);
      if (tgwTable === undefined) continue;
      const exit = this.transitGatewayRoutes(tgwTable)
        .routes.filter((r) => !isUnknown(r.destination) && cidrContains(r.destination, cidr))
        .sort((a, b) => Number(a.announced ?? false) - Number(b.announced ?? false))
        .flatMap((r) => r.attachmentIds)
        .map((id) => this.attachments.get(id))
        .find((a) => a !== undefined && a.kind !== 'vpc');
      if (exit) return { kind: 'transit-gateway-attachment', attachment: exit, inferred: true };
    }
    return undefined;
  }

  private entryById(id: string, inferred: boolean): ClientEntry | undefined {
    const attachment = this.attachments.get(id);
    if (attachment) return { kind: 'transit-gateway-attachment', attachment, inferred };
    const connection = this.vpnConnections.get(id);
    const viaAttachment =
      connection?.transitGatewayAttachmentId && this.attachments.get(connection.transitGatewayAttachmentId);
    if (viaAttachment) return { kind: 'transit-gateway-attachment', attachment: viaAttachment, inferred };
    const gatewayId = connection?.vpnGatewayId ?? id;
    const gateway = this.vpnGateways.get(gatewayId);
    if (gateway)
      return { kind: 'vpn-gateway', id: gateway.id, ...(gateway.vpcId ? { vpcId: gateway.vpcId } : {}), inferred };
    return undefined;
  }

  peeringsBetween(left: string, right: string): PeeringConnection[] {
    return (this.peeringsByVpc.get(left) ?? []).filter(
      (p) =>
        (p.requesterVpcId === left && p.accepterVpcId === right) ||
        (p.requesterVpcId === right && p.accepterVpcId === left),
    );
  }

  /** Whether a security group rule in one VPC can name a group in the other: same VPC or same-Region peering. */
  groupReferencesReach(left: string | undefined, right: string | undefined): boolean {
    if (left === undefined || right === undefined || left === right) return true;
    const peerings = this.peeringsBetween(left, right);
    return peerings.length === 0 || peerings.some((p) => p.crossRegion !== true);
  }

  /** Instances, declared CIDRs, and when neither exists, the subnets of VPCs peered with the server VPC. */
  clients(server: TransferServer): Client[] {
    let clients = this.clientsByServer.get(server);
    if (clients === undefined) {
      clients = this.findClients(server);
      this.clientsByServer.set(server, clients);
    }
    return clients;
  }

  private findClients(server: TransferServer): Client[] {
    const serverVpcId = this.serverVpcId(server);
    const clients: Client[] = this.topology.instances.map((instance) => {
      const subnet = this.subnets.get(instance.subnetId);
      const client: Client = {
        name: instance.id,
        kind: 'instance',
        cidr: instance.privateIp
          ? `${instance.privateIp}/32`
          : (subnet?.cidrBlock ?? { unknown: `subnet ${instance.subnetId} of ${instance.id}` }),
        securityGroupIds: instance.securityGroupIds,
      };
      if (subnet) {
        client.subnet = subnet;
        client.vpcId = subnet.vpcId;
      }
      return client;
    });
    for (const { cidr, via } of this.declaredClients) {
      clients.push({ name: via ? `${cidr}@${via}` : cidr, kind: 'declared', cidr, ...(via ? { via } : {}) });
    }
    if (clients.length > 0 || serverVpcId === undefined) return clients;
    // Indexed by VPC: a scan of every peering and subnet per server would make large accounts quadratic.
    const peered = new Set(
      (this.peeringsByVpc.get(serverVpcId) ?? []).map((p) =>
        p.requesterVpcId === serverVpcId ? p.accepterVpcId : p.requesterVpcId,
      ),
    );
    return [...peered].flatMap((vpcId) =>
      (this.subnetsByVpc.get(vpcId) ?? []).map(
        (subnet): Client => ({ name: subnet.id, kind: 'subnet', cidr: subnet.cidrBlock, vpcId: subnet.vpcId, subnet }),
      ),
    );
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
