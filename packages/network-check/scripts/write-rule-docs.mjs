// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the examples are TypeScript source shown in the docs.
// Renders one Markdown page per rule from the catalog (`@closed-ftp/network-check/catalog`: RULES, ruleDocsUrl)
// plus the details below. `node scripts/write-rule-docs.mjs [folder]` (after a build) writes <folder>/<id>.md,
// by default docs/rules; the docs site imports `renderRulePage` and `RULE_DETAILS` instead.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PACKAGE_DOCS_URL, RULES } from '../dist/catalog.js';
import { severityOf } from '../dist/profiles.js';

const DOCS = join(import.meta.dirname, '..', '..', '..', 'docs', 'rules');

/** What each rule reads, and a fix in CDK or CloudFormation. */
export const RULE_DETAILS = {
  'CFTP-NET-001': {
    reads: '`AWS::Transfer::Server` `Protocols` and `EndpointType` (live: `DescribeServer`).',
    example:
      "new transfer.CfnServer(this, 'Server', {\n  protocols: ['FTP'],\n  endpointType: 'VPC',\n  endpointDetails: { vpcId, subnetIds, securityGroupIds: [sg.securityGroupId] },\n  // ...\n});",
  },
  'CFTP-NET-002': {
    reads: '`Protocols` and `EndpointDetails.AddressAllocationIds`.',
    example: 'endpointDetails: { vpcId, subnetIds, securityGroupIds }, // no addressAllocationIds with FTP',
  },
  'CFTP-NET-003': {
    reads: '`IdentityProviderType` (`SERVICE_MANAGED` is the default when it is absent).',
    example: "identityProviderType: 'AWS_LAMBDA',\nidentityProviderDetails: { function: idpFunction.functionArn },",
  },
  'CFTP-NET-004': {
    reads: '`Protocols` and `Certificate`.',
    example: "protocols: ['FTPS'],\ncertificate: certificate.certificateArn,",
  },
  'CFTP-NET-005': {
    reads:
      "The endpoint security groups (`EndpointDetails.SecurityGroupIds`, or the VPC default group when empty; live: the groups of the server's VPC endpoint), their inline rules and `AWS::EC2::SecurityGroupIngress` resources, and every client: EC2 instances, `--client-cidr` networks, or the subnets of VPCs peered with the server VPC when neither is given. A rule admits a client when its CIDR contains the client subnet, or it names a security group the client instance is in (only within the VPC or across same-Region peering: an `AWS::EC2::VPCPeeringConnection` with another `PeerRegion`, live: different `Region`s, makes such a rule admit nobody).",
    example: "serverSg.addIngressRule(ec2.Peer.ipv4('10.1.0.0/16'), ec2.Port.tcp(21), 'FTP control');",
  },
  'CFTP-NET-006': {
    reads: 'As CFTP-NET-005, for every port of 8192-8200 (several rules may cover the range together).',
    example:
      "serverSg.addIngressRule(ec2.Peer.ipv4('10.1.0.0/16'), ec2.Port.tcpRange(8192, 8200), 'FTP passive data');",
  },
  'CFTP-NET-007': {
    reads:
      '`EndpointDetails.SecurityGroupIds` (absent or empty, or naming `Fn::GetAtt Vpc.DefaultSecurityGroup`; live: the endpoint group named `default`).',
    example:
      "const serverSg = new ec2.SecurityGroup(this, 'ServerSg', { vpc, allowAllOutbound: false });\n// ...ingress rules as in CFTP-NET-005/006...\nendpointDetails: { vpcId, subnetIds, securityGroupIds: [serverSg.securityGroupId] },",
  },
  'CFTP-NET-008': {
    reads:
      "The egress rules of each client instance's security groups (CloudFormation keeps the allow-all egress rule unless `SecurityGroupEgress` is given), against every endpoint subnet CIDR or the endpoint security groups.",
    example:
      "clientSg.addEgressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(21));\nclientSg.addEgressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcpRange(8192, 8200));",
  },
  'CFTP-NET-009': {
    reads:
      '`AWS::EC2::VPCPeeringConnection` between each client VPC and the server VPC (a request to another account without `PeerRoleArn` counts as pending acceptance; live: `Status.Code`).',
    example: "new ec2.CfnVPCPeeringConnection(this, 'Peering', { vpcId: clientVpc.vpcId, peerVpcId: ftpVpc.vpcId });",
  },
  'CFTP-NET-010': {
    reads: 'The CIDR blocks of both VPCs.',
    example:
      "new ec2.Vpc(this, 'ClientVpc', { ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16') }); // not inside 10.0.0.0/16",
  },
  'CFTP-NET-011': {
    reads:
      'For each client subnet: its route table (explicit `SubnetRouteTableAssociation`, else the VPC main table, which in a template holds only the local route) and the most specific route covering each endpoint subnet, plus any narrower route for part of it (longest prefix wins for the addresses it names). Each must go to a peering connection between the two VPCs (a transit gateway or VPN gateway is accepted as well).',
    example:
      "clientVpc.isolatedSubnets.forEach((subnet, i) =>\n  new ec2.CfnRoute(this, `ToFtp${i}`, {\n    routeTableId: subnet.routeTable.routeTableId,\n    destinationCidrBlock: '10.0.0.0/16',\n    vpcPeeringConnectionId: peering.ref,\n  }));",
  },
  'CFTP-NET-012': {
    reads:
      'For each endpoint subnet: its route table and the most specific route covering each client CIDR, plus any narrower route for part of it. For `--client-cidr` networks any gateway but an internet or NAT gateway is accepted.',
    example:
      "ftpVpc.isolatedSubnets.forEach((subnet, i) =>\n  new ec2.CfnRoute(this, `ToClient${i}`, {\n    routeTableId: subnet.routeTable.routeTableId,\n    destinationCidrBlock: '10.1.0.0/16',\n    vpcPeeringConnectionId: peering.ref,\n  }));",
  },
  'CFTP-NET-013': {
    reads: 'The `State` of the routes found by CFTP-NET-011/012 (live mode; a template has no blackholes yet).',
    example:
      'aws ec2 replace-route --route-table-id rtb-... --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-...',
  },
  'CFTP-NET-014': {
    reads:
      "The endpoint subnets' network ACL (explicit association, else the VPC default ACL, which allows everything), its entries in rule-number order. An allow counts only if its CIDR covers the whole client network; a deny counts as soon as it overlaps it.",
    example:
      "new ec2.NetworkAclEntry(this, 'FtpIn', { networkAcl, ruleNumber: 100, cidr: ec2.AclCidr.ipv4('10.1.0.0/16'),\n  traffic: ec2.AclTraffic.tcpPortRange(8192, 8200), direction: ec2.TrafficDirection.INGRESS });\nnew ec2.NetworkAclEntry(this, 'ReturnOut', { networkAcl, ruleNumber: 110, cidr: ec2.AclCidr.ipv4('10.1.0.0/16'),\n  traffic: ec2.AclTraffic.tcpPortRange(1024, 65535), direction: ec2.TrafficDirection.EGRESS });",
  },
  'CFTP-NET-015': {
    reads: "The client subnets' network ACL, as in CFTP-NET-014, towards every endpoint subnet.",
    example:
      "new ec2.NetworkAclEntry(this, 'FtpOut', { networkAcl: clientAcl, ruleNumber: 100, cidr: ec2.AclCidr.ipv4('10.0.0.0/16'),\n  traffic: ec2.AclTraffic.tcpPortRange(21, 21), direction: ec2.TrafficDirection.EGRESS });",
  },
  'CFTP-NET-016': {
    reads: '`ProtocolDetails.PassiveIp` and, for a fixed address, the route each client subnet has to it.',
    example: "protocolDetails: { passiveIp: 'AUTO' },",
  },
  'CFTP-NET-017': {
    reads: 'Interface `AWS::EC2::VPCEndpoint`s in the server VPC whose service name ends in `.sts`.',
    example:
      "new ec2.InterfaceVpcEndpoint(this, 'Sts', {\n  vpc: ftpVpc,\n  service: ec2.InterfaceVpcEndpointAwsService.STS,\n  privateDnsEnabled: true,\n  subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },\n});",
  },
  'CFTP-NET-018': {
    reads:
      '`PrivateDnsEnabled` of the STS endpoint and its security groups (the VPC default group when none), which must admit TCP 443 from every endpoint subnet.',
    example: 'stsSg.addIngressRule(ec2.Peer.ipv4(ftpVpc.vpcCidrBlock), ec2.Port.tcp(443));',
  },
  'CFTP-NET-019': {
    reads:
      'The STS endpoint `PolicyDocument` (none = full access). Conditions are not evaluated: a matching Deny counts.',
    example:
      "stsEndpoint.addToPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sts:AssumeRole'], resources: ['*'] }));",
  },
  'CFTP-NET-020': {
    reads:
      '`EnableDnsSupport` (default true) and `EnableDnsHostnames` (default false in CloudFormation, true in CDK `ec2.Vpc`) of the server VPC; `EnableDnsSupport` of client VPCs (live: `DescribeVpcAttribute`).',
    example:
      "new ec2.CfnVPC(this, 'Vpc', { cidrBlock: '10.0.0.0/16', enableDnsSupport: true, enableDnsHostnames: true });",
  },
  'CFTP-NET-021': {
    reads:
      '`AWS::Lambda::Permission` resources of the IdP function (live: `GetPolicy`); `SourceArn` must be the server ARN. A permission without `SourceArn`, or for `server/*`, is reported as a warning: logins work but any server in the account can use the function.',
    example:
      "idp.addPermission('TransferInvoke', {\n  principal: new iam.ServicePrincipal('transfer.amazonaws.com'),\n  sourceArn: server.attrArn,\n});",
  },
  'CFTP-NET-022': {
    reads: 'The IdP function `Timeout` (default 3 s); the rule asks for at least 10 s.',
    example: 'timeout: Duration.seconds(15),',
  },
  'CFTP-NET-023': {
    reads:
      "The IdP function `VpcConfig`; in its VPC, an interface endpoint for `.secretsmanager` with private DNS whose security groups admit TCP 443 from the function's subnets or security groups.",
    example:
      "new ec2.InterfaceVpcEndpoint(this, 'SecretsManager', {\n  vpc: ftpVpc,\n  service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,\n  privateDnsEnabled: true,\n});",
  },
  'CFTP-NET-024': {
    reads: 'The `PolicyDocument` of every Secrets Manager interface endpoint.',
    example:
      "secretsEndpoint.addToPolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()],\n  actions: ['secretsmanager:GetSecretValue'], resources: [`arn:aws:secretsmanager:${region}:${account}:secret:aws/transfer/*`] }));",
  },
  'CFTP-NET-025': {
    reads:
      "Roles whose trust policy names `transfer.amazonaws.com`, and roles named by a secret's `Role` key; their inline policies and `AWS::IAM::Policy` resources. A role with a managed policy is not judged (its statements are not in the template). Live mode does not read IAM or secret values.",
    example:
      "const userRole = new iam.Role(this, 'UserRole', { assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com') });\nbucket.grantReadWrite(userRole);",
  },
  'CFTP-NET-026': {
    reads: '`Protocols` and `ProtocolDetails.TlsSessionResumptionMode` (default `ENFORCED`).',
    example: "protocolDetails: { tlsSessionResumptionMode: 'ENABLED' }, // only if some clients cannot resume",
  },
  'CFTP-NET-027': {
    reads: '`StructuredLogDestinations` and `LoggingRole`.',
    example: 'structuredLogDestinations: [logGroup.logGroupArn],',
  },
  'CFTP-NET-028': {
    reads:
      'Every property network-check needed but could not resolve: `Fn::ImportValue` of an export no loaded stack provides, parameters without defaults or from SSM, unsupported functions, and `Fn::If` on an unknown condition.',
    example:
      'network-check cdk-out cdk.out            # all stacks, so imports resolve\nnetwork-check template t.yaml --parameter VpcCidr=10.0.0.0/16',
  },
  'CFTP-NET-029': {
    reads:
      "`AWS::S3::Bucket` and `AWS::S3::BucketPolicy` (also a policy on a bucket made elsewhere), for every bucket a user role (as CFTP-NET-025) has an Allow on. A Deny counts when its principal is `*`, the role, or the role's account (or `NotPrincipal` leaves the role out), its actions cover `s3:ListBucket` on the bucket or `s3:GetObject` on any key, and every condition holds. Conditions read: `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:SecureTransport` (Transfer uses HTTPS), and `aws:SourceVpce`/`aws:SourceVpc`/`aws:VpcSourceIp`, taken as absent from Transfer's requests (our reasoning: AWS does not document the path; such a finding is a warning). A statement with any other condition is not judged. Live mode does not read bucket policies (it reads no IAM either).",
    example:
      "bucket.addToResourcePolicy(new iam.PolicyStatement({\n  effect: iam.Effect.DENY,\n  principals: [new iam.AnyPrincipal()],\n  actions: ['s3:*'],\n  resources: [bucket.bucketArn, bucket.arnForObjects('*')],\n  conditions: {\n    StringNotEquals: { 'aws:SourceVpce': s3Endpoint.vpcEndpointId },\n    ArnNotLike: { 'aws:PrincipalArn': userRole.roleArn }, // let Transfer sessions through\n  },\n}));",
  },
  'CFTP-NET-030': {
    reads:
      "For each client network given with `--client-cidr` (or `clientCidrs`) that no route of an endpoint subnet's route table covers: the VPN gateways propagating into that table (`AWS::EC2::VPNGatewayRoutePropagation`) that are attached to its VPC (`AWS::EC2::VPCGatewayAttachment`), and their `AWS::EC2::VPNConnection`s. A connection without `StaticRoutesOnly` runs BGP and is taken to announce the route (the on-premises side is outside AWS); with static routing an `AWS::EC2::VPNConnectionRoute` must cover the client network. Without any propagating gateway the missing route is CFTP-NET-012. Live mode reads the propagated routes among the table's routes.",
    example:
      "new ec2.CfnVPNConnectionRoute(this, 'OnPremisesRoute', {\n  vpnConnectionId: vpn.ref,\n  destinationCidrBlock: '192.168.0.0/16',\n});\nnew ec2.CfnVPNGatewayRoutePropagation(this, 'Propagation', {\n  vpnGatewayId: vgw.ref,\n  routeTableIds: ftpVpc.isolatedSubnets.map((s) => s.routeTable.routeTableId),\n});",
  },
  'CFTP-NET-031': {
    reads:
      'Each path that leaves a VPC route table by a route to a transit gateway (`AWS::EC2::Route` with `TransitGatewayId`), both ways: the route table associated with the attachment the traffic enters by, and its `AWS::EC2::TransitGatewayRoute`s with `Blackhole: true` that cover the client network or the endpoint subnet, or a part of it (longest prefix wins, a static route over a propagated one). Live mode reads the routes with `SearchTransitGatewayRoutes`.',
    example:
      "// Remove the blackhole for the client network, or point it at the client attachment:\nnew ec2.CfnTransitGatewayRoute(this, 'ToClients', {\n  transitGatewayRouteTableId: tgwRoutes.ref,\n  destinationCidrBlock: '10.1.0.0/16',\n  transitGatewayAttachmentId: clientAttachment.ref,\n});",
  },
  'CFTP-NET-032': {
    reads:
      "The route table associated with the attachment the traffic enters by, and in it the longest-prefix route for the destination: the static routes (`AWS::EC2::TransitGatewayRoute`) and the routes each propagating attachment installs (`AWS::EC2::TransitGatewayRouteTablePropagation`, or every attachment when the transit gateway has `DefaultRouteTablePropagation: enable`): a VPC attachment its VPC's CIDRs, a static-routing VPN attachment its VPN static routes, a BGP VPN or Direct Connect attachment the on-premises networks (announced outside AWS). The route must lead to the attachment of the destination's VPC, or for an on-premises client to a VPN or Direct Connect attachment.",
    example:
      "new ec2.CfnTransitGatewayRouteTablePropagation(this, 'FtpPropagation', {\n  transitGatewayRouteTableId: tgwRoutes.ref,\n  transitGatewayAttachmentId: ftpAttachment.ref,\n});",
  },
  'CFTP-NET-033': {
    reads:
      'The attachment the traffic enters the transit gateway by (the VPC attachment of the client or endpoint VPC, the VPN or Direct Connect attachment of an on-premises client): the `AWS::EC2::TransitGatewayRouteTableAssociation` naming it, or, when the `AWS::EC2::TransitGateway` has `DefaultRouteTableAssociation: enable` (the default), its default route table. Live mode reads `GetTransitGatewayRouteTableAssociations`.',
    example:
      "new ec2.CfnTransitGatewayRouteTableAssociation(this, 'FtpAssociation', {\n  transitGatewayRouteTableId: tgwRoutes.ref,\n  transitGatewayAttachmentId: ftpAttachment.ref,\n});",
  },
  'CFTP-NET-034': {
    reads:
      'The `SubnetIds` of each VPC attachment on the path (`AWS::EC2::TransitGatewayVpcAttachment` or `AWS::EC2::TransitGatewayAttachment`) and their `AvailabilityZone`s, against the zone of the client subnet and of every endpoint subnet (with PassiveIp AUTO the PASV reply may name the endpoint address in any of them). A subnet whose zone is not known is not judged. Also fires when a VPC routes to a transit gateway it has no attachment to.',
    example:
      "new ec2.CfnTransitGatewayVpcAttachment(this, 'FtpAttachment', {\n  transitGatewayId: tgw.ref,\n  vpcId: ftpVpc.vpcId,\n  // one subnet in every zone the endpoint has a subnet in\n  subnetIds: ftpVpc.selectSubnets({ onePerAz: true }).subnetIds,\n});",
  },
  'CFTP-NET-035': {
    reads:
      'The VPC CIDRs each VPC attachment propagates into a transit gateway route table: two that overlap are not both propagated (which one wins cannot be told from configuration, so neither counts), and a path whose destination only such a CIDR would cover fires this rule instead of CFTP-NET-032. A client spoke VPC overlapping the endpoint VPC behind a transit gateway fires it too (CFTP-NET-010 is the same for peering).',
    example:
      "// Client spoke and FTP-VPC with distinct CIDRs:\nconst ftpVpc = new ec2.Vpc(this, 'FtpVpc', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16') });\nconst clientVpc = new ec2.Vpc(this, 'ClientVpc', { ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16') });",
  },
};

export function renderRulePage(id) {
  const rule = RULES[id];
  const details = RULE_DETAILS[id];
  return `# ${id}: ${rule.title}

Severity: **${severityOf(id, 'closed')}** (profile \`closed\`), **${severityOf(id, 'connected')}** (profile \`connected\`).

## Why
${rule.summary}

## What network-check reads
${details.reads}

## Fix
${rule.remediation}

\`\`\`ts
${details.example}
\`\`\`

See it from the command line: \`network-check explain ${id}\`. All rules: [network-check](${PACKAGE_DOCS_URL}#rules).
`;
}

if (process.argv[1] === import.meta.filename) {
  const folder = resolve(process.argv[2] ?? DOCS);
  await mkdir(folder, { recursive: true });
  for (const id of Object.keys(RULES)) await writeFile(join(folder, `${id}.md`), renderRulePage(id));
  console.log(`wrote ${Object.keys(RULES).length} pages to ${folder}`);
}
