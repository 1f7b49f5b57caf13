import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface VpcPeeringProps {
  /** The requester VPC (e.g. the clients'). */
  readonly vpc: ec2.IVpc;
  /** The accepter VPC (e.g. the server's), in the same account and Region. */
  readonly peerVpc: ec2.IVpc;
  /**
   * Add routes both ways in every subnet's route table. Turn off to route only some subnets yourself.
   * @default true
   */
  readonly addRoutes?: boolean;
}

/**
 * A VPC peering connection between two VPCs of one account and Region, with routes both ways: every subnet of
 * each VPC reaches the whole CIDR block of the other (with PassiveIp AUTO the PASV reply may name any endpoint IP).
 */
export class VpcPeering extends Construct {
  /** The peering connection id (`pcx-...`). */
  readonly peeringConnectionId: string;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const peering = new ec2.CfnVPCPeeringConnection(this, 'Resource', {
      vpcId: props.vpc.vpcId,
      peerVpcId: props.peerVpc.vpcId,
    });
    this.peeringConnectionId = peering.ref;
    if (props.addRoutes === false) return;
    this.addRoutes('To', props.vpc, props.peerVpc.vpcCidrBlock);
    this.addRoutes('Back', props.peerVpc, props.vpc.vpcCidrBlock);
  }

  /** Routes `destinationCidr` through the peering from every subnet of `from`. */
  addRoutes(id: string, from: ec2.IVpc, destinationCidr: string): void {
    const subnets = [...from.isolatedSubnets, ...from.privateSubnets, ...from.publicSubnets];
    const tables = new Set(subnets.map((s) => s.routeTable.routeTableId));
    [...tables].forEach((routeTableId, i) => {
      new ec2.CfnRoute(this, `${id}${i}`, {
        routeTableId,
        destinationCidrBlock: destinationCidr,
        vpcPeeringConnectionId: this.peeringConnectionId,
      });
    });
  }
}
