// A synthetic account for the benchmarks: `scale` x (10,000 security groups, 100,000 rules, 2,000 subnets, 500 route
// tables), as 50 sites per 1x, each a server VPC and a peered client VPC; every tenth site is broken (data ports
// missing), so findings are produced and reported too.
import { emptyTopology, type SecurityGroupRule, type Topology } from '../src/index.js';

const SITES_PER_UNIT = 50; // one site = a server VPC and a peered client VPC
const SUBNETS_PER_VPC = 20;
const TABLES_PER_VPC = 5;
const GROUPS_PER_SITE = 200;
const RULES_PER_GROUP = 10;

export function generateAccount(scale: number): Topology {
  const t = emptyTopology({ kind: 'snapshot', location: 'generated' });
  for (let site = 0; site < SITES_PER_UNIT * scale; site++) {
    const serverVpc = `vpc-s${site}`;
    const clientVpc = `vpc-c${site}`;
    const pcx = `pcx-${site}`;
    // Every tenth site is broken (data ports missing), so findings are produced and reported too.
    const broken = site % 10 === 0;
    t.peeringConnections.push({ id: pcx, requesterVpcId: clientVpc, accepterVpcId: serverVpc, status: 'active' });
    for (const [vpc, cidr, peerCidr, second] of [
      [serverVpc, '10.0.0.0/16', '10.1.0.0/16', 0],
      [clientVpc, '10.1.0.0/16', '10.0.0.0/16', 1],
    ] as const) {
      t.vpcs.push({
        id: vpc,
        cidrBlocks: [cidr],
        enableDnsSupport: true,
        enableDnsHostnames: true,
        defaultSecurityGroupId: `${vpc}-default`,
        hasInternetPath: false,
      });
      t.networkAcls.push({
        id: `${vpc}-acl`,
        vpcId: vpc,
        entries: [
          { ruleNumber: 90, egress: false, action: 'deny', protocol: '-1', cidr: '192.168.0.0/16' },
          { ruleNumber: 100, egress: false, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' },
          { ruleNumber: 100, egress: true, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' },
        ],
      });
      for (let r = 0; r < TABLES_PER_VPC; r++) {
        t.routeTables.push({
          id: `${vpc}-rtb${r}`,
          vpcId: vpc,
          main: r === 0,
          routes: [
            { destination: cidr, target: { kind: 'local', id: 'local' }, state: 'active' },
            { destination: peerCidr, target: { kind: 'peering', id: pcx }, state: 'active' },
            { destination: '172.16.0.0/12', target: { kind: 'transit-gateway', id: 'tgw-1' }, state: 'active' },
          ],
        });
      }
      for (let n = 0; n < SUBNETS_PER_VPC; n++) {
        t.subnets.push({
          id: `${vpc}-subnet${n}`,
          vpcId: vpc,
          cidrBlock: `10.${second}.${n}.0/24`,
          routeTableId: `${vpc}-rtb${n % TABLES_PER_VPC}`,
          networkAclId: `${vpc}-acl`,
        });
      }
    }
    for (let g = 0; g < GROUPS_PER_SITE; g++) {
      const vpc = g % 2 === 0 ? serverVpc : clientVpc;
      const rules: SecurityGroupRule[] = Array.from({ length: RULES_PER_GROUP }, (_, r) => ({
        protocol: 'tcp',
        fromPort: 1000 + r * 7,
        toPort: 1000 + r * 7 + 3,
        peer: { cidr: `10.${r}.0.0/16` },
      }));
      if (g === 0) {
        rules[0] = { protocol: 'tcp', fromPort: 21, toPort: 21, peer: { cidr: '10.1.0.0/16' } };
        rules[1] = { protocol: 'tcp', fromPort: 8192, toPort: broken ? 8199 : 8200, peer: { cidr: '10.1.0.0/16' } };
        rules[2] = { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { cidr: '10.0.0.0/16' } };
      }
      t.securityGroups.push({
        id: g === 0 ? `sg-endpoint-${site}` : `sg-${site}-${g}`,
        vpcId: vpc,
        isDefault: false,
        ingress: rules.slice(0, RULES_PER_GROUP / 2),
        egress: rules
          .slice(RULES_PER_GROUP / 2)
          .concat([{ protocol: '-1', fromPort: 0, toPort: 65535, peer: { cidr: '0.0.0.0/0' } }])
          .slice(1),
      });
    }
    t.vpcEndpoints.push({
      id: `vpce-sts-${site}`,
      vpcId: serverVpc,
      serviceName: 'com.amazonaws.eu-west-1.sts',
      type: 'Interface',
      privateDnsEnabled: true,
      subnetIds: [`${serverVpc}-subnet0`],
      securityGroupIds: [`sg-endpoint-${site}`],
    });
    const arn = `arn:aws:transfer:eu-west-1:111122223333:server/s-${site}`;
    const fn = `arn:aws:lambda:eu-west-1:111122223333:function:idp-${site}`;
    t.transferServers.push({
      id: `s-${site}`,
      arn,
      protocols: ['FTP'],
      endpointType: 'VPC',
      vpcId: serverVpc,
      subnetIds: [0, 1, 2, 3].map((n) => `${serverVpc}-subnet${n}`),
      securityGroupIds: [`sg-endpoint-${site}`],
      addressAllocationIds: [],
      identityProviderType: 'AWS_LAMBDA',
      identityProviderFunction: fn,
      passiveIp: 'AUTO',
      structuredLogDestinations: ['arn:aws:logs:eu-west-1:111122223333:log-group:ftp'],
    });
    t.lambdaFunctions.push({
      id: `idp-${site}`,
      arn: fn,
      name: `idp-${site}`,
      timeoutSeconds: 15,
      vpcSubnetIds: [],
      vpcSecurityGroupIds: [],
      permissions: [{ principal: 'transfer.amazonaws.com', action: 'lambda:InvokeFunction', sourceArn: arn }],
    });
  }
  return t;
}
