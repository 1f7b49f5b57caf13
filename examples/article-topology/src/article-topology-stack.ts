import {
  ClosedFtpMonitoring,
  ClosedFtpServer,
  ClosedVpc,
  FtpCanary,
  type FtpUser,
  VpcPeering,
} from '@closed-ftp/cdk-closed-ftp';
import { cliBundleFile } from '@closed-ftp/ftp-probe';
import { ARTICLE_CLIENT_VPC_CIDR, ARTICLE_FTP_VPC_CIDR } from '@closed-ftp/network-check/samples';
import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { FtpClientInstance, PROBE_PATH } from './ftp-client-instance.js';

/** `working`: the topology done right. `broken`: the article's failing state, without the STS endpoint. */
export type ArticleVariant = 'working' | 'broken';

// The article's CIDRs, defined once in network-check's sample of the same topology (the demo checks both agree).
export const FTP_VPC_CIDR = ARTICLE_FTP_VPC_CIDR;
export const CLIENT_VPC_CIDR = ARTICLE_CLIENT_VPC_CIDR;
export const FTP_USER = 'user1';

export interface ArticleTopologyStackProps extends StackProps {
  /** @default 'working' */
  readonly variant?: ArticleVariant;
}

/**
 * The source article end to end: FTP-VPC (closed) with the Transfer FTP server and `user1`, Client-VPC (closed)
 * with an EC2 FTP client and an FTP canary logging in as `user1` every 5 minutes, VPC peering with routes both
 * ways, and one dashboard with alarms for the server, its IdP, its users and the canary. Both VPCs are throw-away: everything is destroyed
 * with the stack.
 */
export class ArticleTopologyStack extends Stack {
  readonly server: ClosedFtpServer;
  readonly user: FtpUser;
  readonly client: FtpClientInstance;
  readonly canary: FtpCanary;
  readonly monitoring: ClosedFtpMonitoring;

  constructor(scope: Construct, id: string, props: ArticleTopologyStackProps = {}) {
    super(scope, id, props);
    const variant = props.variant ?? 'working';
    const removalPolicy = RemovalPolicy.DESTROY;
    const ftpVpc = new ClosedVpc(this, 'FtpVpc', { cidr: FTP_VPC_CIDR, flowLogRemovalPolicy: removalPolicy });
    const clientVpc = new ClosedVpc(this, 'ClientVpc', { cidr: CLIENT_VPC_CIDR, flowLogRemovalPolicy: removalPolicy });
    new VpcPeering(this, 'Peering', { vpc: clientVpc, peerVpc: ftpVpc });

    this.server = new ClosedFtpServer(this, 'FtpServer', {
      vpc: ftpVpc,
      allowFrom: [ec2.Peer.ipv4(CLIENT_VPC_CIDR)],
      // The article's first attempt had no STS endpoint in the FTP VPC, and `ls` hung.
      stsEndpoint: variant !== 'broken',
      removalPolicy,
    });
    this.user = this.server.addUser(FTP_USER);

    this.client = new FtpClientInstance(this, 'FtpClient', {
      vpc: clientVpc,
      serverCidr: FTP_VPC_CIDR,
      probeBundleFile: probeBundleFile(),
      userSecret: this.user.secret!, // generated: the default PasswordSource
    });

    // The canary takes the client's path (its subnets, peering, routes) and shares its Secrets Manager endpoint.
    this.canary = new FtpCanary(this, 'Canary', {
      server: this.server,
      user: this.user,
      vpc: clientVpc,
      secretsManagerEndpoint: this.client.secretsManagerEndpoint,
    });
    // The canary's alarms (2 of 3 runs failed, probe near its deadline) and its dashboard row, with the server's.
    this.monitoring = new ClosedFtpMonitoring(this, 'Monitoring', { server: this.server, canaries: [this.canary] });

    new CfnOutput(this, 'Variant', { value: variant });
    new CfnOutput(this, 'ServerId', { value: this.server.serverId });
    new CfnOutput(this, 'EndpointDnsName', { value: this.server.endpointDnsName });
    new CfnOutput(this, 'EndpointIps', { value: Fn.join(',', this.server.endpointIps) });
    new CfnOutput(this, 'UserName', { value: FTP_USER });
    new CfnOutput(this, 'UserSecretArn', { value: this.user.secret!.secretArn });
    new CfnOutput(this, 'ClientInstanceId', { value: this.client.instance.instanceId });
    new CfnOutput(this, 'ProbePath', { value: PROBE_PATH });
    new CfnOutput(this, 'CanaryName', { value: this.canary.canaryName });
    new CfnOutput(this, 'CanaryLogGroupName', { value: this.canary.function.logGroup.logGroupName });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
  }
}

/** The ftp-probe bundle shipped by `@closed-ftp/ftp-probe` (built with that package). */
export function probeBundleFile(): string {
  return cliBundleFile;
}
