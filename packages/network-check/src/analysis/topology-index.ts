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
  type Vpc,
  type VpnConnection,
  type VpnGateway,
} from '../model.js';
import { cidrContains, parseCidr } from './cidr.js';

/** A source of FTP connections: an EC2 instance, a subnet of a peered VPC, or a declared (on-premises) CIDR. */
export interface Client {
  name: string;
  kind: 'instance' | 'subnet' | 'declared';
  cidr: Maybe<string>;
  vpcId?: string;
  subnet?: Subnet;
  securityGroupIds?: string[];
}

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

  constructor(
    readonly topology: Topology,
    private readonly declaredClientCidrs: string[] = [],
  ) {
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
    for (const cidr of this.declaredClientCidrs) clients.push({ name: cidr, kind: 'declared', cidr });
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
