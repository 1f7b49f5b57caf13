// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings are CloudFormation syntax, not JavaScript templates.
/**
 * The source article's topology as a CloudFormation template, defined once: network-check's tests, the local demo
 * and the article example all start from it. Plain data: no CDK, nothing loaded at runtime.
 */

/** The FTP-VPC: closed, no internet or NAT gateway. */
export const ARTICLE_FTP_VPC_CIDR = '10.0.0.0/16';
/** The Client-VPC, peered with the FTP-VPC: a stand-in for the on-premises network the article wanted. */
export const ARTICLE_CLIENT_VPC_CIDR = '10.1.0.0/16';
/** The endpoint subnets, one per Availability Zone (first and second of the Region). */
export const ARTICLE_FTP_SUBNET_CIDRS = ['10.0.0.0/24', '10.0.1.0/24'] as const;
/** The subnet of the EC2 FTP client. */
export const ARTICLE_CLIENT_SUBNET_CIDR = '10.1.0.0/24';
/** The user whose secret the template holds (`aws/transfer/<server id>/alice`). */
export const ARTICLE_USER_NAME = 'alice';

/** Logical ids of the resources tests and reports point at. */
export const ARTICLE_LOGICAL_IDS = {
  ftpVpc: 'FtpVpc',
  ftpSubnets: ['FtpSubnetA', 'FtpSubnetB'],
  ftpRouteTable: 'FtpRoutes',
  clientVpc: 'ClientVpc',
  clientSubnet: 'ClientSubnet',
  clientRouteTable: 'ClientRoutes',
  clientSecurityGroup: 'ClientSg',
  clientInstance: 'FtpClient',
  peering: 'Peering',
  server: 'Server',
  serverSecurityGroup: 'ServerSg',
  stsSecurityGroup: 'StsSg',
  stsEndpoint: 'Sts',
  idpFunction: 'Idp',
  bucket: 'Files',
  userRole: 'UserRole',
  userSecret: 'Alice',
} as const;

export interface ArticleTopologyOptions {
  /**
   * The article's fix, part one: a dedicated endpoint security group admitting TCP 21 and 8192-8200 from the
   * Client-VPC. Without it Transfer attaches the VPC default group (CFTP-NET-005/006/007).
   * @default true
   */
  endpointSecurityGroup?: boolean;
  /**
   * The article's fix, part two: an STS interface endpoint in the FTP-VPC, private DNS on, 443 from the VPC.
   * Without it CFTP-NET-017 warns.
   * @default true
   */
  stsEndpoint?: boolean;
  /** An EC2 instance in the Client-VPC as the FTP client. Without it the Client-VPC's subnet is the client. @default true */
  clientInstance?: boolean;
  /** The peering connection and the routes both ways through it. @default true */
  peering?: boolean;
  /** `Protocols` of the Transfer server. @default ['FTP'] */
  protocols?: ('FTP' | 'FTPS')[];
}

/** The topology as the article starts: no endpoint security group, no STS endpoint. */
export const ARTICLE_BEFORE_FIX: Readonly<ArticleTopologyOptions> = {
  endpointSecurityGroup: false,
  stsEndpoint: false,
};

/** A CloudFormation template as plain JSON data (what `JSON.stringify` and network-check's loaders take). */
export interface SampleTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
  Outputs: Record<string, { Value: unknown }>;
}

const ids = ARTICLE_LOGICAL_IDS;
const ref = (id: string) => ({ Ref: id });
const tcp = (from: number, to: number, cidr: unknown) => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  CidrIp: cidr,
});
const zone = (index: number) => ({ 'Fn::Select': [index, { 'Fn::GetAZs': '' }] });

/**
 * The article's topology: FTP-VPC (closed, two endpoint subnets) with a Transfer FTP server, a Lambda IdP, a user
 * secret, an S3 bucket and a scoped user role; Client-VPC with an EC2 FTP client; VPC peering with routes both ways.
 * With the defaults it is the fixed state and network-check finds nothing; `ARTICLE_BEFORE_FIX` gives the state
 * the article starts from. Every call returns a new object, so callers may change it.
 */
export function articleTopology(options: ArticleTopologyOptions = {}): SampleTemplate {
  const { endpointSecurityGroup = true, stsEndpoint = true, clientInstance = true, peering = true } = options;
  const protocols = options.protocols ?? ['FTP'];
  const resources: SampleTemplate['Resources'] = {
    [ids.ftpVpc]: {
      Type: 'AWS::EC2::VPC',
      Properties: { CidrBlock: ARTICLE_FTP_VPC_CIDR, EnableDnsSupport: true, EnableDnsHostnames: true },
    },
    [ids.ftpRouteTable]: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(ids.ftpVpc) } },
    [ids.clientVpc]: {
      Type: 'AWS::EC2::VPC',
      Properties: { CidrBlock: ARTICLE_CLIENT_VPC_CIDR, EnableDnsSupport: true, EnableDnsHostnames: true },
    },
    [ids.clientSubnet]: {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref(ids.clientVpc), CidrBlock: ARTICLE_CLIENT_SUBNET_CIDR, AvailabilityZone: zone(0) },
    },
    [ids.clientRouteTable]: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(ids.clientVpc) } },
    ClientRoutesAssoc: {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(ids.clientSubnet), RouteTableId: ref(ids.clientRouteTable) },
    },
    [ids.clientSecurityGroup]: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'FTP client', VpcId: ref(ids.clientVpc) },
    },
  };
  ids.ftpSubnets.forEach((id, index) => {
    resources[id] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref(ids.ftpVpc), CidrBlock: ARTICLE_FTP_SUBNET_CIDRS[index], AvailabilityZone: zone(index) },
    };
    resources[`${id}Routes`] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(id), RouteTableId: ref(ids.ftpRouteTable) },
    };
  });
  if (peering) {
    resources[ids.peering] = {
      Type: 'AWS::EC2::VPCPeeringConnection',
      Properties: { VpcId: ref(ids.clientVpc), PeerVpcId: ref(ids.ftpVpc) },
    };
    resources.FtpToClient = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: ref(ids.ftpRouteTable),
        DestinationCidrBlock: ARTICLE_CLIENT_VPC_CIDR,
        VpcPeeringConnectionId: ref(ids.peering),
      },
    };
    resources.ClientToFtp = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: ref(ids.clientRouteTable),
        DestinationCidrBlock: ARTICLE_FTP_VPC_CIDR,
        VpcPeeringConnectionId: ref(ids.peering),
      },
    };
  }
  if (clientInstance) {
    resources[ids.clientInstance] = {
      Type: 'AWS::EC2::Instance',
      Properties: {
        SubnetId: ref(ids.clientSubnet),
        SecurityGroupIds: [ref(ids.clientSecurityGroup)],
        InstanceType: 't3.micro',
        ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}',
      },
    };
  }
  const endpointDetails: Record<string, unknown> = {
    VpcId: ref(ids.ftpVpc),
    SubnetIds: ids.ftpSubnets.map(ref),
  };
  if (endpointSecurityGroup) {
    resources[ids.serverSecurityGroup] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'FTP endpoint',
        VpcId: ref(ids.ftpVpc),
        SecurityGroupIngress: [tcp(21, 21, ARTICLE_CLIENT_VPC_CIDR), tcp(8192, 8200, ARTICLE_CLIENT_VPC_CIDR)],
      },
    };
    endpointDetails.SecurityGroupIds = [{ 'Fn::GetAtt': [ids.serverSecurityGroup, 'GroupId'] }];
  }
  if (stsEndpoint) {
    resources[ids.stsSecurityGroup] = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'STS endpoint',
        VpcId: ref(ids.ftpVpc),
        SecurityGroupIngress: [tcp(443, 443, { 'Fn::GetAtt': [ids.ftpVpc, 'CidrBlock'] })],
      },
    };
    resources[ids.stsEndpoint] = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: ref(ids.ftpVpc),
        ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.sts' },
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        SubnetIds: ids.ftpSubnets.map(ref),
        SecurityGroupIds: [ref(ids.stsSecurityGroup)],
      },
    };
  }
  Object.assign(resources, serverResources(protocols, endpointDetails));
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: "The source article's closed-VPC FTP topology (from @closed-ftp/network-check/samples).",
    Resources: resources,
    Outputs: {
      ServerId: { Value: { 'Fn::GetAtt': [ids.server, 'ServerId'] } },
      BucketName: { Value: ref(ids.bucket) },
    },
  };
}

function serverResources(protocols: string[], endpointDetails: Record<string, unknown>): SampleTemplate['Resources'] {
  return {
    [ids.server]: {
      Type: 'AWS::Transfer::Server',
      Properties: {
        Protocols: protocols,
        EndpointType: 'VPC',
        EndpointDetails: endpointDetails,
        IdentityProviderType: 'AWS_LAMBDA',
        IdentityProviderDetails: { Function: { 'Fn::GetAtt': [ids.idpFunction, 'Arn'] } },
        ProtocolDetails: { PassiveIp: 'AUTO' },
        StructuredLogDestinations: [{ 'Fn::GetAtt': ['ServerLogs', 'Arn'] }],
        ...(protocols.includes('FTPS')
          ? { Certificate: { 'Fn::Sub': 'arn:aws:acm:${AWS::Region}:${AWS::AccountId}:certificate/example' } }
          : {}),
      },
    },
    ServerLogs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    IdpRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
      },
    },
    [ids.idpFunction]: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Timeout: 15,
        Role: { 'Fn::GetAtt': ['IdpRole', 'Arn'] },
        Code: { ZipFile: 'exports.handler = async () => ({});' },
      },
    },
    IdpInvoke: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        FunctionName: ref(ids.idpFunction),
        Action: 'lambda:InvokeFunction',
        Principal: 'transfer.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ids.server, 'Arn'] },
      },
    },
    [ids.bucket]: { Type: 'AWS::S3::Bucket', Properties: {} },
    [ids.userRole]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: { Service: 'transfer.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [
          {
            PolicyName: 'home',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [ids.bucket, 'Arn'] } },
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject'],
                  Resource: { 'Fn::Sub': `\${${ids.bucket}.Arn}/${ARTICLE_USER_NAME}/*` },
                },
              ],
            },
          },
        ],
      },
    },
    [ids.userSecret]: {
      Type: 'AWS::SecretsManager::Secret',
      Properties: {
        Name: { 'Fn::Sub': `aws/transfer/\${${ids.server}.ServerId}/${ARTICLE_USER_NAME}` },
        SecretString: {
          'Fn::Sub': `{"Role":"\${${ids.userRole}.Arn}","HomeDirectory":"/\${${ids.bucket}}/${ARTICLE_USER_NAME}"}`,
        },
      },
    },
  };
}
