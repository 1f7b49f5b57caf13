import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, type IDependable } from 'constructs';
import { InvalidPropError } from './errors.js';

/** A client network outside the server's VPC: on-premises, or another VPC, behind a gateway. */
export interface ClientNetwork {
  /** What the network is, in the security group rules' descriptions, e.g. `osaka-office`. */
  readonly name: string;
  /** Its IPv4 CIDR block. It must not overlap the server's VPC. */
  readonly cidr: string;
  /**
   * The Transit Gateway it arrives through (`tgw-...`): a route to `cidr` through it is added to every endpoint
   * subnet's route table. @default - no Transit Gateway
   */
  readonly transitGatewayId?: string;
  /**
   * The VPN gateway it arrives through (`vgw-...`, attached to the server's VPC): its routes are propagated into
   * every endpoint subnet's route table. @default - no VPN gateway
   */
  readonly vpnGatewayId?: string;
  /**
   * What the routes need first: the VPC's Transit Gateway attachment or VPN gateway attachment, when made in the
   * same app. @default - nothing
   */
  readonly routesDependOn?: IDependable;
}

const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const NAME = /^[\w][\w .@-]{0,62}$/;

export interface ClientNetworksProps {
  /** The server's VPC (for the overlap check). */
  readonly vpc: ec2.IVpc;
  /** The endpoint's subnets, whose route tables get the routes back to the clients. */
  readonly subnets: ec2.ISubnet[];
  /** Admits a network on the FTP ports (the server's `allowFrom`). */
  readonly admit: (peer: ec2.IPeer, description: string) => void;
}

/**
 * The client networks of a server that arrive through a Transit Gateway or a VPN gateway: each is admitted on TCP 21
 * and 8192-8200 under its name, and the endpoint subnets route back to it (static routes to the Transit Gateway,
 * route propagation from the VPN gateway). With PassiveIp AUTO the PASV reply may name any endpoint subnet, so
 * every one gets the routes.
 */
export class ClientNetworks extends Construct {
  private readonly networks = new Map<string, ClientNetwork>();
  private readonly propagated = new Set<string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ClientNetworksProps,
  ) {
    super(scope, id);
  }

  /** The networks added so far. */
  get all(): ClientNetwork[] {
    return [...this.networks.values()];
  }

  add(network: ClientNetwork, prop = 'addClientNetwork'): void {
    this.validate(network, prop);
    this.networks.set(network.name, network);
    const gateway = network.transitGatewayId
      ? `transit gateway ${network.transitGatewayId}`
      : network.vpnGatewayId
        ? `VPN gateway ${network.vpnGatewayId}`
        : 'routed elsewhere';
    this.props.admit(ec2.Peer.ipv4(network.cidr), `${network.name} via ${gateway}`);
    const tables = [...new Set(this.props.subnets.map((s) => s.routeTable.routeTableId))];
    const routes: Construct[] = [];
    if (network.transitGatewayId) {
      tables.forEach((routeTableId, i) => {
        routes.push(
          new ec2.CfnRoute(this, `${network.name}Route${i}`, {
            routeTableId,
            destinationCidrBlock: network.cidr,
            transitGatewayId: network.transitGatewayId,
          }),
        );
      });
    }
    if (network.vpnGatewayId && !this.propagated.has(network.vpnGatewayId)) {
      this.propagated.add(network.vpnGatewayId);
      routes.push(
        new ec2.CfnVPNGatewayRoutePropagation(this, `Propagation${this.propagated.size}`, {
          vpnGatewayId: network.vpnGatewayId,
          routeTableIds: tables,
        }),
      );
    }
    if (network.routesDependOn) for (const route of routes) route.node.addDependency(network.routesDependOn);
  }

  private validate(network: ClientNetwork, prop: string): void {
    const fail = (field: string, message: string) => new InvalidPropError(`${prop}.${field}`, message, { scope: this });
    if (!NAME.test(network.name)) {
      throw fail('name', `'${network.name}' must be 1 to 63 letters, digits, ' ', '_', '.', '@' or '-'.`);
    }
    if (this.networks.has(network.name))
      throw fail('name', `'${network.name}' is already a client network; pick another name.`);
    if (!Token.isUnresolved(network.cidr) && !IPV4_CIDR.test(network.cidr)) {
      throw fail('cidr', `'${network.cidr}' is not an IPv4 CIDR block, e.g. '192.168.0.0/16'.`);
    }
    // A VPC made in the app gives its CIDR as a token; its CloudFormation resource holds the literal.
    const vpcCidr =
      (this.props.vpc.node.defaultChild as ec2.CfnVPC | undefined)?.cidrBlock ?? this.props.vpc.vpcCidrBlock;
    if (!Token.isUnresolved(network.cidr) && !Token.isUnresolved(vpcCidr) && overlaps(network.cidr, vpcCidr)) {
      throw fail(
        'cidr',
        `${network.cidr} overlaps the server's VPC ${vpcCidr}: its traffic would never leave the VPC.`,
      );
    }
    if (network.transitGatewayId && network.vpnGatewayId) {
      throw fail('transitGatewayId', 'give transitGatewayId or vpnGatewayId, not both: a network arrives one way.');
    }
    if (
      network.transitGatewayId &&
      !Token.isUnresolved(network.transitGatewayId) &&
      !/^tgw-[0-9a-f]{8,17}$/.test(network.transitGatewayId)
    ) {
      throw fail('transitGatewayId', `'${network.transitGatewayId}' is not a Transit Gateway id (tgw-...).`);
    }
    if (
      network.vpnGatewayId &&
      !Token.isUnresolved(network.vpnGatewayId) &&
      !/^vgw-[0-9a-f]{8,17}$/.test(network.vpnGatewayId)
    ) {
      throw fail('vpnGatewayId', `'${network.vpnGatewayId}' is not a VPN gateway id (vgw-...).`);
    }
  }
}

function overlaps(a: string, b: string): boolean {
  const range = (cidr: string) => {
    const [address = '', bits = '32'] = cidr.split('/');
    const start = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
    const size = 2 ** (32 - Number(bits));
    const first = start - (start % size);
    return [first, first + size - 1] as const;
  };
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}
