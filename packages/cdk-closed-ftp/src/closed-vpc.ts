import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { IPV4_CIDR, overlaps } from './cidr.js';
import { InvalidPropError } from './errors.js';

export interface ClosedVpcProps {
  /**
   * The VPC's IPv4 CIDR block. Peered networks must not overlap it.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How many Availability Zones to spread the isolated subnets over.
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * Explicit Availability Zones (use them to synthesize an environment-bound stack without context lookups).
   * @default - the first `maxAzs` zones of the stack's region
   */
  readonly availabilityZones?: string[];
  /**
   * Netmask of each isolated subnet.
   * @default 24
   */
  readonly subnetCidrMask?: number;
  /**
   * How long the VPC flow logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;
  /**
   * What happens to the flow log group when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly flowLogRemovalPolicy?: RemovalPolicy;
}

/** How `ClosedVpc.attachToTransitGateway` attaches the VPC. */
export interface TransitGatewayAttachmentOptions {
  /** The Transit Gateway (`tgw-...`, or the `ref` of a `CfnTransitGateway` made in the same app). */
  readonly transitGatewayId: string;
  /**
   * The subnets the attachment gets an interface in, one per Availability Zone: resources in an AZ with no attachment
   * subnet cannot reach the Transit Gateway.
   * @default - one isolated subnet in each of the VPC's Availability Zones
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * IPv4 CIDR blocks every subnet of this VPC routes to the Transit Gateway (the other side: the server's VPC from a
   * client VPC, the client networks from the server's). The routes wait for the attachment.
   * @default - no routes
   */
  readonly routeTo?: string[];
}

/**
 * A VPC with isolated subnets only: no internet gateway, no NAT gateway, no default route. DNS support and DNS
 * hostnames are on (interface endpoints with private DNS need both), every flow is logged, and the default
 * security group is stripped of its rules.
 *
 * Reach AWS services from it with `addInterfaceEndpoint` / `addGatewayEndpoint` (or `addServiceEndpoint`), and
 * reach it from other networks with VPC peering (`VpcPeering`), a Transit Gateway (`attachToTransitGateway`) or a VPN
 * gateway (`enableVpnGateway`).
 */
export class ClosedVpc extends ec2.Vpc {
  /** The log group the VPC flow logs go to. */
  readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ClosedVpcProps = {}) {
    const cidr = props.cidr ?? '10.0.0.0/16';
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) {
      throw new InvalidPropError(
        'ClosedVpcProps.cidr',
        `'${cidr}' is not an IPv4 CIDR block; use e.g. '10.0.0.0/16'.`,
        { scope: path },
      );
    }
    super(scope, id, {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : { maxAzs: props.maxAzs ?? 2 }),
      natGateways: 0,
      createInternetGateway: false,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: props.subnetCidrMask ?? 24 },
      ],
    });
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.flowLogRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }

  /**
   * Adds an interface endpoint for an AWS service with private DNS on, reachable on HTTPS from the whole VPC.
   * Pass `open: false` and use the endpoint's `connections` to admit only chosen callers.
   */
  addServiceEndpoint(
    id: string,
    service: ec2.InterfaceVpcEndpointAwsService,
    options: Omit<ec2.InterfaceVpcEndpointOptions, 'service'> = {},
  ): ec2.InterfaceVpcEndpoint {
    return this.addInterfaceEndpoint(id, { privateDnsEnabled: true, ...options, service });
  }

  /**
   * Attaches the VPC to a Transit Gateway with one subnet in each Availability Zone, and routes `routeTo` from every
   * subnet to it once attached. Pass the attachment to `ClosedFtpServer`'s client networks as
   * `transitGatewayAttachment`; associate it with a Transit Gateway route table and propagate it where you route.
   */
  attachToTransitGateway(id: string, options: TransitGatewayAttachmentOptions): ec2.CfnTransitGatewayAttachment {
    const prop = (field: string) => `ClosedVpc.attachToTransitGateway(options).${field}`;
    const path = `${this.node.path}/${id}`;
    const tgw = options.transitGatewayId;
    if (!Token.isUnresolved(tgw) && !/^tgw-[0-9a-f]{8,17}$/.test(tgw)) {
      throw new InvalidPropError(prop('transitGatewayId'), `'${tgw}' is not a Transit Gateway id (tgw-...).`, {
        scope: path,
      });
    }
    const selected = this.selectSubnets({
      ...(options.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }),
      onePerAz: true,
    });
    if (selected.subnets.length === 0) {
      throw new InvalidPropError(prop('subnets'), 'selects no subnet of this VPC; select one per Availability Zone.', {
        scope: path,
      });
    }
    const vpcCidr = (this.node.defaultChild as ec2.CfnVPC).cidrBlock;
    for (const cidr of options.routeTo ?? []) {
      if (Token.isUnresolved(cidr)) continue;
      if (!IPV4_CIDR.test(cidr)) {
        throw new InvalidPropError(prop('routeTo'), `'${cidr}' is not an IPv4 CIDR block, e.g. '10.0.0.0/16'.`, {
          scope: path,
        });
      }
      if (vpcCidr && !Token.isUnresolved(vpcCidr) && overlaps(cidr, vpcCidr)) {
        throw new InvalidPropError(prop('routeTo'), `${cidr} overlaps this VPC's ${vpcCidr}: it would stay local.`, {
          scope: path,
        });
      }
    }
    const attachment = new ec2.CfnTransitGatewayAttachment(this, id, {
      transitGatewayId: tgw,
      vpcId: this.vpcId,
      subnetIds: selected.subnetIds,
    });
    const subnets = [...this.isolatedSubnets, ...this.privateSubnets, ...this.publicSubnets];
    const tables = [...new Set(subnets.map((s) => s.routeTable.routeTableId))];
    (options.routeTo ?? []).forEach((cidr, c) => {
      tables.forEach((routeTableId, t) => {
        const route = new ec2.CfnRoute(this, `${id}Cidr${c}Route${t}`, {
          routeTableId,
          destinationCidrBlock: cidr,
          transitGatewayId: tgw,
        });
        // A route to a Transit Gateway fails until the VPC is attached to it.
        route.node.addDependency(attachment);
      });
    });
    return attachment;
  }
}
