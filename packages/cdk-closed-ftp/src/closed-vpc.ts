import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
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

/**
 * A VPC with isolated subnets only: no internet gateway, no NAT gateway, no default route. DNS support and DNS
 * hostnames are on (interface endpoints with private DNS need both), every flow is logged, and the default
 * security group is stripped of its rules.
 *
 * Reach AWS services from it with `addInterfaceEndpoint` / `addGatewayEndpoint` (or `addServiceEndpoint`), and
 * reach it from other networks with VPC peering, Transit Gateway or VPN.
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
}
