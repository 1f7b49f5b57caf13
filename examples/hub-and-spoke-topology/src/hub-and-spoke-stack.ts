import { ClosedFtpServer, ClosedVpc, FtpCanary, type FtpUser } from '@closed-ftp/cdk-closed-ftp';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';

/** `working`: the hub and spoke done right. `broken`: the Transit Gateway propagates no attachment's routes. */
export type HubAndSpokeVariant = 'working' | 'broken';

export const FTP_VPC_CIDR = '10.0.0.0/16';
export const SPOKE_VPC_CIDR = '10.1.0.0/16';
/** The on-premises network behind the customer gateway. */
export const ON_PREMISES_CIDR = '192.168.0.0/16';
/** The customer gateway's public address: TEST-NET-3 (RFC 5737) until you give yours with `-c customerGatewayIp=`. */
export const DEFAULT_CUSTOMER_GATEWAY_IP = '203.0.113.10';
export const FTP_USER = 'user1';

export interface HubAndSpokeStackProps extends StackProps {
  /** @default 'working' */
  readonly variant?: HubAndSpokeVariant;
  /** The on-premises VPN device's public IPv4 address. @default DEFAULT_CUSTOMER_GATEWAY_IP */
  readonly customerGatewayIp?: string;
  /** The on-premises side's BGP ASN. @default 65000 */
  readonly customerGatewayAsn?: number;
}

/**
 * The FTP-VPC (closed) behind a Transit Gateway: a client spoke VPC and an on-premises network (a customer gateway
 * and a BGP Site-to-Site VPN attached to the Transit Gateway) reach the Transfer FTP endpoint through it. Both VPCs
 * are attached with a subnet in every Availability Zone they use; every attachment, the VPN's included, is associated
 * with and propagates into the Transit Gateway's default route table; each VPC routes the other side to the Transit
 * Gateway. An FTP canary in the spoke VPC logs in as `user1` every 5 minutes over that path.
 */
export class HubAndSpokeStack extends Stack {
  readonly ftpVpc: ClosedVpc;
  readonly spokeVpc: ClosedVpc;
  readonly transitGateway: ec2.CfnTransitGateway;
  readonly ftpAttachment: ec2.CfnTransitGatewayAttachment;
  readonly spokeAttachment: ec2.CfnTransitGatewayAttachment;
  readonly vpnConnection: ec2.CfnVPNConnection;
  readonly server: ClosedFtpServer;
  readonly user: FtpUser;
  readonly canary: FtpCanary;

  constructor(scope: Construct, id: string, props: HubAndSpokeStackProps = {}) {
    super(scope, id, props);
    const variant = props.variant ?? 'working';
    const removalPolicy = RemovalPolicy.DESTROY;
    this.ftpVpc = new ClosedVpc(this, 'FtpVpc', { cidr: FTP_VPC_CIDR, flowLogRemovalPolicy: removalPolicy });
    this.spokeVpc = new ClosedVpc(this, 'SpokeVpc', { cidr: SPOKE_VPC_CIDR, flowLogRemovalPolicy: removalPolicy });

    // The default route table, not one of our own: the attachment a VPN connection creates cannot be named in a
    // template, so only the Transit Gateway's defaults can associate it and propagate its BGP routes.
    this.transitGateway = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      description: 'closed-ftp hub: FTP-VPC, spoke VPC, on-premises VPN',
      amazonSideAsn: 64512,
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: variant === 'broken' ? 'disable' : 'enable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
    });
    const transitGatewayId = this.transitGateway.ref;

    // One subnet in every Availability Zone of each VPC: the endpoint has an address in each (PassiveIp AUTO).
    this.ftpAttachment = this.ftpVpc.attachToTransitGateway('TransitGatewayAttachment', { transitGatewayId });
    this.spokeAttachment = this.spokeVpc.attachToTransitGateway('TransitGatewayAttachment', {
      transitGatewayId,
      routeTo: [FTP_VPC_CIDR],
    });

    const customerGateway = new ec2.CfnCustomerGateway(this, 'CustomerGateway', {
      type: 'ipsec.1',
      ipAddress: props.customerGatewayIp ?? DEFAULT_CUSTOMER_GATEWAY_IP,
      bgpAsn: props.customerGatewayAsn ?? 65000,
    });
    // BGP: the on-premises routes (192.168.0.0/16) are learnt over the tunnels and propagated by the defaults.
    this.vpnConnection = new ec2.CfnVPNConnection(this, 'VpnConnection', {
      type: 'ipsec.1',
      customerGatewayId: customerGateway.ref,
      transitGatewayId,
      staticRoutesOnly: false,
    });

    // The server admits each client network on 21 and 8192-8200 only, and routes it back to the Transit Gateway.
    this.server = new ClosedFtpServer(this, 'FtpServer', {
      vpc: this.ftpVpc,
      clientNetworks: [
        { name: 'spoke-vpc', cidr: SPOKE_VPC_CIDR, transitGatewayAttachment: this.ftpAttachment },
        { name: 'on-premises', cidr: ON_PREMISES_CIDR, transitGatewayAttachment: this.ftpAttachment },
      ],
      removalPolicy,
    });
    this.user = this.server.addUser(FTP_USER);

    // A client on the spoke's path: network-check checks it hop by hop, and it alarms when the path breaks.
    this.canary = new FtpCanary(this, 'Canary', {
      server: this.server,
      user: this.user,
      vpc: this.spokeVpc,
      addSecretsManagerEndpoint: true,
    });

    new CfnOutput(this, 'Variant', { value: variant });
    new CfnOutput(this, 'ServerId', { value: this.server.serverId });
    new CfnOutput(this, 'EndpointDnsName', { value: this.server.endpointDnsName });
    new CfnOutput(this, 'TransitGatewayId', { value: transitGatewayId });
    new CfnOutput(this, 'VpnConnectionId', { value: this.vpnConnection.ref });
    new CfnOutput(this, 'UserSecretArn', { value: this.user.secret!.secretArn });
    new CfnOutput(this, 'CanaryName', { value: this.canary.canaryName });
  }
}
