// network-check: the source article's topology as a CloudFormation template, checked before and after the fix.
import { checkTopology, formatText, loadTemplateText } from '@closed-ftp/network-check';
import type { Step } from '../story.js';

// FTP-VPC (closed) with a Transfer FTP server, Lambda IdP and a user secret; Client-VPC with an EC2 client; peering
// with routes both ways. As the article starts: the endpoint has no security group and there is no STS endpoint.
const ARTICLE_TEMPLATE = `
Resources:
  FtpVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  FtpSubnetA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref FtpVpc, CidrBlock: !Select [0, !Cidr [!GetAtt FtpVpc.CidrBlock, 2, 8]] }
  FtpSubnetB:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref FtpVpc, CidrBlock: !Select [1, !Cidr [!GetAtt FtpVpc.CidrBlock, 2, 8]] }
  FtpRoutes: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref FtpVpc } }
  FtpRoutesA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref FtpSubnetA, RouteTableId: !Ref FtpRoutes }
  FtpRoutesB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref FtpSubnetB, RouteTableId: !Ref FtpRoutes }
  FtpToClient:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref FtpRoutes, DestinationCidrBlock: 10.1.0.0/16, VpcPeeringConnectionId: !Ref Peering }
  ClientVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  ClientSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref ClientVpc, CidrBlock: 10.1.0.0/24 }
  ClientRoutes: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref ClientVpc } }
  ClientRoutesAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref ClientSubnet, RouteTableId: !Ref ClientRoutes }
  ClientToFtp:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref ClientRoutes, DestinationCidrBlock: 10.0.0.0/16, VpcPeeringConnectionId: !Ref Peering }
  Peering:
    Type: AWS::EC2::VPCPeeringConnection
    Properties: { VpcId: !Ref ClientVpc, PeerVpcId: !Ref FtpVpc }
  ClientSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: FTP client, VpcId: !Ref ClientVpc }
  FtpClient:
    Type: AWS::EC2::Instance
    Properties: { SubnetId: !Ref ClientSubnet, SecurityGroupIds: [!Ref ClientSg], InstanceType: t3.micro }
  Server:
    Type: AWS::Transfer::Server
    Properties:
      Protocols: [FTP]
      EndpointType: VPC
      EndpointDetails:
        VpcId: !Ref FtpVpc
        SubnetIds: [!Ref FtpSubnetA, !Ref FtpSubnetB]
        #SECURITY_GROUPS#
      IdentityProviderType: AWS_LAMBDA
      IdentityProviderDetails: { Function: !GetAtt Idp.Arn }
      StructuredLogDestinations: [!GetAtt ServerLogs.Arn]
  ServerLogs: { Type: AWS::Logs::LogGroup, Properties: {} }
  Idp:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, Timeout: 15, Role: !GetAtt IdpRole.Arn }
  IdpRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
  IdpInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Idp
      Action: lambda:InvokeFunction
      Principal: transfer.amazonaws.com
      SourceArn: !GetAtt Server.Arn
  Files: { Type: AWS::S3::Bucket, Properties: {} }
  UserRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: transfer.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: home
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: s3:ListBucket, Resource: !GetAtt Files.Arn }
              - { Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: !Sub '\${Files.Arn}/*' }
  Alice:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub 'aws/transfer/\${Server.ServerId}/alice'
      SecretString: !Sub '{"Role":"\${UserRole.Arn}","HomeDirectory":"/\${Files}/alice"}'
`;

// The article's fix: a security group admitting 21 and 8192-8200 from the client VPC, and an STS interface endpoint.
const FIX = `
  ServerSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: FTP endpoint
      VpcId: !Ref FtpVpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 21, ToPort: 21, CidrIp: 10.1.0.0/16 }
        - { IpProtocol: tcp, FromPort: 8192, ToPort: 8200, CidrIp: 10.1.0.0/16 }
  StsSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: STS endpoint
      VpcId: !Ref FtpVpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !GetAtt FtpVpc.CidrBlock }]
  Sts:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref FtpVpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.sts
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref FtpSubnetA, !Ref FtpSubnetB]
      SecurityGroupIds: [!Ref StsSg]
`;

const STATES = {
  before: ARTICLE_TEMPLATE.replace('#SECURITY_GROUPS#', '# no SecurityGroupIds: Transfer attaches the default group'),
  after: ARTICLE_TEMPLATE.replace('#SECURITY_GROUPS#', 'SecurityGroupIds: [!Ref ServerSg]') + FIX,
};

export const step: Step = {
  title: "network-check: predict the article's ls hang from configuration, before deploying",
  async run(story) {
    for (const [state, template] of Object.entries(STATES)) {
      const started = performance.now();
      const findings = checkTopology(loadTemplateText(template, `article-${state}.yaml`, { region: 'ap-northeast-1' }));
      const ms = (performance.now() - started).toFixed(1);
      const errors = findings.filter((f) => f.severity === 'error').length;
      const verdict = `${state} the fix: ${findings.length} finding(s), ${errors} error(s), checked in ${ms} ms`;
      if (findings.length === 0) story.ok(verdict);
      else story.bad(verdict);
      for (const line of formatText(findings).trimEnd().split('\n')) story.line(line);
    }
    story.line(
      'Same check in CI: `network-check cdk-out cdk.out --format sarif`, or at synth with NetworkCheckPlugin.',
    );
  },
};
