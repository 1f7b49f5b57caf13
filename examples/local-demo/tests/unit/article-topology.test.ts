import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type ArticleVariant, articleApp, STACK_NAME } from '@closed-ftp/article-topology';
import {
  checkTopology,
  hasFindingsAtOrAbove,
  isUnknown,
  loadTemplateText,
  type Maybe,
  stacksToTopology,
  type Topology,
} from '@closed-ftp/network-check';
import {
  ARTICLE_CLIENT_VPC_CIDR,
  ARTICLE_FTP_VPC_CIDR,
  ARTICLE_LOGICAL_IDS,
  type ArticleTopologyOptions,
  articleTopology,
} from '@closed-ftp/network-check/samples';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';

// The demo tells one story twice: network-check's sample template (its network-check chapter) and the CDK app of
// examples/article-topology (its cdk-closed-ftp chapter). Both must describe the same topology, or they drift; the
// CDK app also has a canary in the client VPC, whose subnets the endpoint admits too (checked, then set aside).
const assemblies = useTempDir('local-demo-test');
const REGION = 'ap-northeast-1';

/** The CDK app's template, read by network-check's loader into its topology model. */
function cdkTopology(variant: ArticleVariant): Topology {
  const app = articleApp(variant, { outdir: mkdtempSync(join(assemblies.path, 'cdk.out-')) });
  const template = app.synth().getStackByName(STACK_NAME).template;
  const stack = { stackName: STACK_NAME, template, file: `${STACK_NAME}.template.json`, region: REGION };
  return stacksToTopology([stack], {
    kind: 'template',
    location: 'articleApp',
  });
}

function sampleTopology(options: ArticleTopologyOptions): Topology {
  return loadTemplateText(JSON.stringify(articleTopology(options)), 'article-sample.json', { region: REGION });
}

const known = <T>(value: Maybe<T>): T | string => (isUnknown(value) ? `unknown: ${value.unknown}` : value);

/**
 * What the two must agree on, in names and CIDRs rather than logical ids (CDK appends a hash to each): the VPCs,
 * the endpoint's subnets and who it admits, the peering, and the routes through it both ways.
 */
function shape(topology: Topology) {
  // A CDK logical id starts with its construct id, which the example names after the sample's logical ids.
  const vpcName = (id: string) =>
    [ARTICLE_LOGICAL_IDS.ftpVpc, ARTICLE_LOGICAL_IDS.clientVpc].find((name) => id.startsWith(name)) ?? id;
  const subnet = (id: string) => topology.subnets.find((s) => s.id === id)!;
  const peeringRoutes = (subnetId: string) => {
    const { vpcId, routeTableId } = subnet(subnetId);
    const table = topology.routeTables.find((t) =>
      routeTableId ? t.id === routeTableId : t.vpcId === vpcId && t.main,
    );
    return (table?.routes ?? [])
      .filter((r) => !isUnknown(r.target) && r.target.kind === 'peering' && r.state === 'active')
      .map((r) => known(r.destination))
      .sort();
  };
  const routesFrom = (subnetIds: string[]) =>
    Object.fromEntries(subnetIds.map((id) => [known(subnet(id).cidrBlock), peeringRoutes(id)]));
  expect(topology.transferServers).toHaveLength(1);
  const server = topology.transferServers[0]!;
  const serverGroups = topology.securityGroups.filter((g) => server.securityGroupIds.includes(g.id));
  return {
    vpcs: Object.fromEntries(topology.vpcs.map((v) => [vpcName(v.id), v.cidrBlocks.map(known)])),
    peerings: topology.peeringConnections.map((p) => ({
      requester: vpcName(p.requesterVpcId),
      accepter: vpcName(p.accepterVpcId),
    })),
    server: { protocols: server.protocols, endpointType: server.endpointType, passiveIp: known(server.passiveIp) },
    endpointAdmits: serverGroups
      .flatMap((g) => g.ingress)
      .map((r) => [r.protocol, r.fromPort, r.toPort, 'cidr' in r.peer ? r.peer.cidr : r.peer])
      .sort(),
    routesFromEndpointSubnets: routesFrom(server.subnetIds),
    routesFromClient: routesFrom(topology.instances.map((i) => i.subnetId)),
    stsEndpoints: topology.vpcEndpoints
      .filter((e) => /\.sts$/.test(String(known(e.serviceName))))
      .map((e) => ({ vpc: vpcName(e.vpcId), privateDns: e.privateDnsEnabled })),
  };
}

/**
 * The CDK app's shape without its canary's admits (the sample has no canary), after checking they are exactly the
 * client VPC's subnets, where the canary runs, on the ports the endpoint admits the client VPC on.
 */
function cdkShape(variant: ArticleVariant) {
  const topology = cdkTopology(variant);
  const full = shape(topology);
  const canaryCidrs = topology.subnets
    .filter((s) => s.vpcId.startsWith(ARTICLE_LOGICAL_IDS.clientVpc))
    .map((s) => known(s.cidrBlock));
  const isCanary = (rule: unknown[]) => canaryCidrs.includes(rule[3] as string);
  const clientAdmits = full.endpointAdmits.filter((r) => r[3] === ARTICLE_CLIENT_VPC_CIDR);
  expect(canaryCidrs.length).toBeGreaterThan(0);
  expect(full.endpointAdmits.filter(isCanary)).toEqual(
    canaryCidrs.flatMap((cidr) => clientAdmits.map(([protocol, from, to]) => [protocol, from, to, cidr])).sort(),
  );
  // The canary is a client too (network-check reads it as one): its subnets route to the FTP-VPC like the instance's.
  const canaryIds = topology.lambdaFunctions.filter((f) => f.ftpCanary).map((f) => f.id);
  const instanceSubnets = new Set(
    topology.instances.filter((i) => !canaryIds.some((id) => i.id.startsWith(`${id} in `))).map((i) => i.subnetId),
  );
  const canaryOnly = Object.entries(full.routesFromClient).filter(
    ([cidr]) => !topology.subnets.some((s) => instanceSubnets.has(s.id) && known(s.cidrBlock) === cidr),
  );
  expect(canaryOnly.length).toBeGreaterThan(0);
  expect(canaryOnly.map(([, routes]) => routes)).toEqual(canaryOnly.map(() => [ARTICLE_FTP_VPC_CIDR]));
  const routesFromClient = Object.fromEntries(
    Object.entries(full.routesFromClient).filter(([cidr]) => !canaryOnly.some(([other]) => other === cidr)),
  );
  return { ...full, endpointAdmits: full.endpointAdmits.filter((r) => !isCanary(r)), routesFromClient };
}

const findingIds = (topology: Topology) =>
  [
    ...new Set(
      checkTopology(topology)
        .filter((f) => f.severity !== 'info')
        .map((f) => f.id),
    ),
  ].sort();

describe("the article example's CDK app and network-check's article sample", () => {
  it('describe the same topology: VPCs, peering, routes both ways, endpoint subnets and rules, names', () => {
    const cdk = cdkShape('working');
    expect(cdk).toEqual(shape(sampleTopology({})));
    // Spelled out once, so that both drifting the same way fails too.
    expect(cdk.vpcs).toEqual({ FtpVpc: [ARTICLE_FTP_VPC_CIDR], ClientVpc: [ARTICLE_CLIENT_VPC_CIDR] });
    expect(cdk.peerings).toEqual([{ requester: 'ClientVpc', accepter: 'FtpVpc' }]);
    expect(Object.values(cdk.routesFromEndpointSubnets)).toEqual([
      [ARTICLE_CLIENT_VPC_CIDR],
      [ARTICLE_CLIENT_VPC_CIDR],
    ]);
    expect(Object.values(cdk.routesFromClient)).toEqual([[ARTICLE_FTP_VPC_CIDR]]);
  });

  it("agree on the article's failing state (no STS endpoint) and on what network-check finds in each", () => {
    const working = cdkTopology('working');
    const broken = cdkTopology('broken');
    const withoutSts = sampleTopology({ stsEndpoint: false });
    expect(cdkShape('broken')).toEqual(shape(withoutSts));
    expect(shape(broken).stsEndpoints).toEqual([]);
    expect(hasFindingsAtOrAbove(checkTopology(working), 'warning')).toBe(false);
    expect(findingIds(working)).toEqual(findingIds(sampleTopology({})));
    expect(findingIds(broken)).toEqual(['CFTP-NET-017']);
    expect(findingIds(withoutSts)).toEqual(['CFTP-NET-017']);
  });
});
