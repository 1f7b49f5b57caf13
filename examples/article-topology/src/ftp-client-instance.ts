import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Where the client instance keeps the ftp-probe bundle. */
export const PROBE_PATH = '/opt/closed-ftp/ftp-probe.mjs';

export interface FtpClientInstanceProps {
  /** The client VPC (closed: it reaches AWS through the endpoints this construct adds). */
  readonly vpc: ec2.IVpc;
  /** The FTP server's VPC CIDR: the instance may open 21 and 8192-8200 to it. */
  readonly serverCidr: string;
  /** The ftp-probe bundle file, delivered to the instance as an S3 asset. */
  readonly probeBundleFile: string;
  /** The FTP user's secret, which the verify command reads on the instance. */
  readonly userSecret: secretsmanager.ISecret;
}

/**
 * The article's EC2 FTP client in a closed VPC (Amazon Linux 2023): reached through an EC2 Instance Connect
 * endpoint and SSM, packages installed through an S3 gateway endpoint, lftp, Node.js and the ftp-probe bundle
 * installed at boot.
 */
export class FtpClientInstance extends Construct {
  readonly instance: ec2.Instance;
  readonly securityGroup: ec2.SecurityGroup;
  /** The client VPC's Secrets Manager endpoint (one with private DNS fits per VPC: the canary shares it). */
  readonly secretsManagerEndpoint: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: FtpClientInstanceProps) {
    super(scope, id);
    const { vpc } = props;

    // The endpoints a closed VPC needs: SSM (Run Command), Secrets Manager (the verify command), S3 (dnf, asset).
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const endpoints = new Map<string, ec2.InterfaceVpcEndpoint>();
    for (const [name, service] of [
      ['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM],
      ['SsmMessages', ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES],
      ['Ec2Messages', ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES],
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
    ] as const) {
      const endpoint = vpc.addInterfaceEndpoint(name, { service, privateDnsEnabled: true });
      Validations.of(endpoint).acknowledge({
        id: 'AwsSolutions-EC23',
        reason: "Admits HTTPS from the client VPC's own CIDR block only (a token cdk-nag cannot read).",
      });
      endpoints.set(name, endpoint);
    }
    this.secretsManagerEndpoint = endpoints.get('SecretsManager')!;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'FTP client: FTP to the server VPC, HTTPS to endpoints and the S3 gateway',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.serverCidr), ec2.Port.tcp(21), 'FTP control');
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.serverCidr), ec2.Port.tcpRange(8192, 8200), 'FTP data');
    // A closed VPC has no route to the internet: 443 leaves only to the endpoints and the S3 gateway.
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to endpoints and S3 gateway');

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason: 'The SSM agent needs it for Run Command, which the verify script uses.',
    });
    // The verify command's one call (grantRead would add DescribeSecret, which nothing here needs).
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.userSecret.secretArn] }),
    );

    const probe = new s3assets.Asset(this, 'ProbeBundle', { path: props.probeBundleFile });
    // The one object, not asset.grantRead: that would open every asset in the account's CDK assets bucket.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [probe.bucket.arnForObjects(probe.s3ObjectKey)],
      }),
    );

    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      'dnf install -y lftp nodejs22 || dnf install -y lftp nodejs',
      'command -v node || ln -sf "$(ls /usr/bin/node-2* | sort -V | tail -n 1)" /usr/local/bin/node',
      'mkdir -p /opt/closed-ftp',
    );
    userData.addS3DownloadCommand({ bucket: probe.bucket, bucketKey: probe.s3ObjectKey, localFile: PROBE_PATH });

    this.instance = new ec2.Instance(this, 'Instance', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: this.securityGroup,
      role,
      userData,
      requireImdsv2: true,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }],
    });
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-EC28',
      reason: 'A disposable test client: basic monitoring is enough.',
    });
    Validations.of(this.instance).acknowledge({
      id: 'AwsSolutions-EC29',
      reason: 'A disposable test client, destroyed with the example.',
    });

    // The article reaches the client through EC2 Instance Connect: SSH from the endpoint only.
    const connectGroup = new ec2.SecurityGroup(this, 'InstanceConnectSecurityGroup', {
      vpc,
      description: 'EC2 Instance Connect endpoint: SSH to the FTP client',
      allowAllOutbound: false,
    });
    connectGroup.connections.allowTo(this.securityGroup, ec2.Port.tcp(22), 'SSH through EC2 Instance Connect');
    new ec2.CfnInstanceConnectEndpoint(this, 'InstanceConnectEndpoint', {
      subnetId: vpc.isolatedSubnets[0]!.subnetId,
      securityGroupIds: [connectGroup.securityGroupId],
      preserveClientIp: false,
    });
  }
}
