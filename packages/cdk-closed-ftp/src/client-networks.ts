import { Annotations, CfnResource, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, type IDependable } from 'constructs';
import { IPV4_CIDR, overlaps } from './cidr.js';
import { InvalidPropError } from './errors.js';

/** A Transit Gateway attachment of a VPC, as aws-cdk-lib's L1 classes model it (either resource type). */
export type TransitGatewayVpcAttachment = ec2.CfnTransitGatewayAttachment | ec2.CfnTransitGatewayVpcAttachment;

/**
 * A client network outside the server's VPC, behind a Transit Gateway (a spoke VPC, or on-premises through a VPN or
 * Direct Connect attachment of the Transit Gateway) or a VPN gateway of the server's VPC (on-premises). Give the
 * Transit Gateway by `transitGatewayAttachment` (the server VPC's attachment, when made in the same app) or
 * `transitGatewayId`, or the VPN gateway by `vpnGatewayId`.
 */
export interface ClientNetwork {
  /** What the network is, in the security group rules' descriptions, e.g. `osaka-office`. */
  readonly name: string;
  /**
   * Its IPv4 CIDR block. It must not overlap the server's VPC. Give `cidr`, `cidrs` or both.
   * @default - the blocks of `cidrs`
   */
  readonly cidr?: string;
  /**
   * Its IPv4 CIDR blocks, when it has several (an office with two ranges, a spoke VPC with a secondary block). Each is
   * admitted on TCP 21 and 8192-8200 and routed back, nothing wider.
   * @default - `[cidr]`
   */
  readonly cidrs?: string[];
  /**
   * The Transit Gateway it arrives through (`tgw-...`, or the `ref` of a `CfnTransitGateway`): a route to each of its
   * CIDR blocks through it is added to every endpoint subnet's route table.
   * @default - the `transitGatewayAttachment`'s Transit Gateway, else no Transit Gateway
   */
  readonly transitGatewayId?: string;
  /**
   * The server VPC's attachment to the Transit Gateway, when made in the same app: the routes wait for it (a route to a
   * Transit Gateway fails until the VPC is attached), and it must have a subnet in every Availability Zone the endpoint
   * has one in (resources in an AZ with no attachment subnet cannot reach the Transit Gateway).
   * @default - none: the Transit Gateway is attached outside this app
   */
  readonly transitGatewayAttachment?: TransitGatewayVpcAttachment;
  /**
   * The VPN gateway it arrives through (`vgw-...`, attached to the server's VPC): its routes are propagated into
   * every endpoint subnet's route table. If `vpc.enableVpnGateway({ vpnRoutePropagation })` already propagates into
   * the endpoint subnets, set `addRoutes: false`.
   * @default - no VPN gateway
   */
  readonly vpnGatewayId?: string;
  /**
   * What the routes need first, besides `transitGatewayAttachment`: a VPN gateway attachment made in the same app.
   * @default - nothing
   */
  readonly routesDependOn?: IDependable;
  /**
   * Add the routes back to the network (Transit Gateway routes, VPN gateway route propagation) to the endpoint
   * subnets' route tables. Only route tables defined in this app get them (a `ClosedVpc`'s do); for imported subnets
   * a warning says what to route where the tables are managed.
   * @default true
   */
  readonly addRoutes?: boolean;
}

const NAME = /^[\w][\w .@-]{0,62}$/;
const GATEWAY_IDS: ReadonlyArray<[keyof ClientNetwork, RegExp, string]> = [
  ['transitGatewayId', /^tgw-[0-9a-f]{8,17}$/, 'Transit Gateway id (tgw-...)'],
  ['vpnGatewayId', /^vgw-[0-9a-f]{8,17}$/, 'VPN gateway id (vgw-...)'],
];

export interface ClientNetworksProps {
  /** The server's VPC (for the overlap and attachment checks). */
  readonly vpc: ec2.IVpc;
  /** The endpoint's subnets, whose route tables get the routes back to the clients. */
  readonly subnets: ec2.ISubnet[];
  /** Admits a network on the FTP ports (the server's `allowFrom`). */
  readonly admit: (peer: ec2.IPeer, description: string) => void;
}

/** A client network as added: its CIDR blocks in one list, its Transit Gateway resolved from the attachment. */
interface AddedNetwork {
  readonly network: ClientNetwork;
  readonly cidrs: string[];
  readonly transitGatewayId?: string;
}

/**
 * The client networks of a server that arrive through a Transit Gateway or a VPN gateway: each CIDR block is admitted
 * on TCP 21 and 8192-8200 under the network's name, and the endpoint subnets route back to it (static routes to the
 * Transit Gateway, route propagation from the VPN gateway). With PassiveIp AUTO the PASV reply may name any endpoint
 * subnet, so every one gets the routes.
 */
export class ClientNetworks extends Construct {
  private readonly networks = new Map<string, AddedNetwork>();
  private readonly propagated = new Set<string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ClientNetworksProps,
  ) {
    super(scope, id);
  }

  /** The networks added so far, as given. */
  get all(): ClientNetwork[] {
    return [...this.networks.values()].map((n) => n.network);
  }

  add(network: ClientNetwork, prop = 'addClientNetwork'): void {
    const added = this.validate(network, prop);
    this.networks.set(network.name, added);
    const gateway = added.transitGatewayId
      ? `transit gateway ${added.transitGatewayId}`
      : network.vpnGatewayId
        ? `VPN gateway ${network.vpnGatewayId}`
        : 'routed elsewhere';
    for (const cidr of added.cidrs) this.props.admit(ec2.Peer.ipv4(cidr), `${network.name} via ${gateway}`);
    if (network.addRoutes === false || (!added.transitGatewayId && !network.vpnGatewayId)) return;

    const { owned, foreign } = this.routeTables();
    if (foreign.length > 0) {
      Annotations.of(this).addWarningV2(
        '@closed-ftp/cdk-closed-ftp:clientNetworkRoutesNotAdded',
        `${network.name}: route tables ${foreign.join(', ')} of the endpoint subnets are not defined in this app, so ` +
          `no route back to ${added.cidrs.join(', ')} via ${gateway} was added to them; add it where they are managed.`,
      );
    }
    const routes: Construct[] = [];
    if (added.transitGatewayId) {
      added.cidrs.forEach((cidr, c) => {
        owned.forEach((routeTableId, t) => {
          routes.push(
            new ec2.CfnRoute(this, `${network.name}Cidr${c}Route${t}`, {
              routeTableId,
              destinationCidrBlock: cidr,
              transitGatewayId: added.transitGatewayId,
            }),
          );
        });
      });
    }
    if (network.vpnGatewayId && owned.length > 0 && !this.propagated.has(network.vpnGatewayId)) {
      this.propagated.add(network.vpnGatewayId);
      routes.push(
        new ec2.CfnVPNGatewayRoutePropagation(this, `Propagation${this.propagated.size}`, {
          vpnGatewayId: network.vpnGatewayId,
          routeTableIds: owned,
        }),
      );
    }
    for (const route of routes) {
      if (network.transitGatewayAttachment) route.node.addDependency(network.transitGatewayAttachment);
      if (network.routesDependOn) route.node.addDependency(network.routesDependOn);
    }
  }

  /** The endpoint subnets' route tables, split into those this app defines and those it imports. */
  private routeTables(): { owned: string[]; foreign: string[] } {
    const owned = new Set<string>();
    const foreign = new Set<string>();
    for (const subnet of this.props.subnets) {
      const table = subnet.node.tryFindChild('RouteTable');
      const defined = CfnResource.isCfnResource(table) && ec2.CfnRouteTable.isCfnRouteTable(table);
      (defined ? owned : foreign).add(subnet.routeTable.routeTableId);
    }
    return { owned: [...owned], foreign: [...foreign] };
  }

  private validate(network: ClientNetwork, prop: string): AddedNetwork {
    const fail = (field: string, message: string) => new InvalidPropError(`${prop}.${field}`, message, { scope: this });
    if (!NAME.test(network.name)) {
      throw fail('name', `'${network.name}' must be 1 to 63 letters, digits, ' ', '_', '.', '@' or '-'.`);
    }
    if (this.networks.has(network.name))
      throw fail('name', `'${network.name}' is already a client network; pick another name.`);
    const cidrs = [...new Set([...(network.cidr === undefined ? [] : [network.cidr]), ...(network.cidrs ?? [])])];
    if (cidrs.length === 0) throw fail('cidr', "give the network's IPv4 CIDR block as `cidr` (or several as `cidrs`).");
    const field = network.cidrs?.length ? 'cidrs' : 'cidr';
    // A VPC made in the app gives its CIDR as a token; its CloudFormation resource holds the literal.
    const vpcCidr =
      (this.props.vpc.node.defaultChild as ec2.CfnVPC | undefined)?.cidrBlock ?? this.props.vpc.vpcCidrBlock;
    for (const cidr of cidrs.filter((c) => !Token.isUnresolved(c))) {
      if (!IPV4_CIDR.test(cidr)) throw fail(field, `'${cidr}' is not an IPv4 CIDR block, e.g. '192.168.0.0/16'.`);
      if (!Token.isUnresolved(vpcCidr) && overlaps(cidr, vpcCidr)) {
        throw fail(field, `${cidr} overlaps the server's VPC ${vpcCidr}: its traffic would never leave the VPC.`);
      }
      const other = [...this.networks.values()].find((n) =>
        n.cidrs.some((c) => !Token.isUnresolved(c) && overlaps(c, cidr)),
      );
      if (other) {
        throw fail(field, `${cidr} overlaps client network '${other.network.name}': give each address to one network.`);
      }
    }
    const attachment = network.transitGatewayAttachment;
    const transitGatewayId = network.transitGatewayId ?? attachment?.transitGatewayId;
    if (transitGatewayId && network.vpnGatewayId) {
      throw fail('transitGatewayId', 'give a Transit Gateway or vpnGatewayId, not both: a network arrives one way.');
    }
    for (const [key, pattern, what] of GATEWAY_IDS) {
      const id = network[key];
      if (typeof id === 'string' && !Token.isUnresolved(id) && !pattern.test(id)) {
        throw fail(key, `'${id}' is not a ${what}.`);
      }
    }
    if (attachment) this.validateAttachment(attachment, network.transitGatewayId, fail);
    // A Transit Gateway made in this app: its routes fail unless they wait for the VPC's attachment.
    if (
      transitGatewayId &&
      Token.isUnresolved(transitGatewayId) &&
      !attachment &&
      !network.routesDependOn &&
      network.addRoutes !== false
    ) {
      throw fail(
        'transitGatewayAttachment',
        "the Transit Gateway is made in this app: pass the server VPC's attachment to it, so the routes wait for it.",
      );
    }
    return { network, cidrs, ...(transitGatewayId ? { transitGatewayId } : {}) };
  }

  private validateAttachment(
    attachment: TransitGatewayVpcAttachment,
    transitGatewayId: string | undefined,
    fail: (field: string, message: string) => InvalidPropError,
  ): void {
    const vpc = this.props.vpc;
    if (attachment.vpcId !== vpc.vpcId) {
      throw fail('transitGatewayAttachment', "attaches another VPC: pass the attachment of the server's VPC.");
    }
    if (
      transitGatewayId &&
      !Token.isUnresolved(transitGatewayId) &&
      !Token.isUnresolved(attachment.transitGatewayId) &&
      transitGatewayId !== attachment.transitGatewayId
    ) {
      throw fail(
        'transitGatewayId',
        `${transitGatewayId} is not the attachment's Transit Gateway (${attachment.transitGatewayId}).`,
      );
    }
    const zones = new Map<string, string>();
    for (const s of [...vpc.isolatedSubnets, ...vpc.privateSubnets, ...vpc.publicSubnets]) {
      zones.set(s.subnetId, s.availabilityZone);
    }
    const subnetIds = Token.isUnresolved(attachment.subnetIds) ? [] : attachment.subnetIds;
    // Subnets given as literal ids or from elsewhere: their zones are unknown here, so nothing is checked.
    if (subnetIds.length === 0 || !subnetIds.every((id) => zones.has(id))) return;
    const attached = new Set(subnetIds.map((id) => zones.get(id)));
    const missing = [...new Set(this.props.subnets.map((s) => s.availabilityZone))].filter((az) => !attached.has(az));
    if (missing.length > 0) {
      const names = missing.map((az) => (Token.isUnresolved(az) ? 'one of them' : az)).join(', ');
      throw fail(
        'transitGatewayAttachment',
        `has no subnet in ${missing.length} of the endpoint's Availability Zones (${names}): resources in an AZ with no ` +
          'attachment subnet cannot reach the Transit Gateway; add a subnet of each to the attachment.',
      );
    }
  }
}
