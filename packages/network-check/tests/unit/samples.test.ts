import { describe, expect, it } from 'vitest';
import { checkTopology, loadTemplateText } from '../../src/index.js';
import {
  ARTICLE_BEFORE_FIX,
  ARTICLE_CLIENT_VPC_CIDR,
  ARTICLE_FTP_SUBNET_CIDRS,
  ARTICLE_LOGICAL_IDS,
  articleTopology,
} from '../../src/samples.js';

const check = (template: object) =>
  checkTopology(loadTemplateText(JSON.stringify(template), 'article.template.json', { region: 'eu-west-1' }));

describe('articleTopology (the samples subpath)', () => {
  it('with the defaults (the fixed state) network-check finds nothing', () => {
    expect(check(articleTopology())).toEqual([]);
  });

  it('as the article starts: the default security group and no STS endpoint', () => {
    const findings = check(articleTopology(ARTICLE_BEFORE_FIX));
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual([
      'error CFTP-NET-005',
      'error CFTP-NET-006',
      'error CFTP-NET-007',
      'warning CFTP-NET-017',
    ]);
    expect(findings[0]!.evidence.clientCidr).toBe('10.1.0.0/24');
  });

  it('each option removes exactly its part', () => {
    const loaded = (options: Parameters<typeof articleTopology>[0]) =>
      loadTemplateText(JSON.stringify(articleTopology(options)), 't.json');
    expect(loaded({ stsEndpoint: false }).vpcEndpoints).toEqual([]);
    expect(loaded({ clientInstance: false }).instances).toEqual([]);
    expect(loaded({ peering: false }).peeringConnections).toEqual([]);
    expect(check(articleTopology({ peering: false })).map((f) => f.id)).toContain('CFTP-NET-009');
    const server = loaded({}).transferServers[0]!;
    expect(server.securityGroupIds).toEqual([ARTICLE_LOGICAL_IDS.serverSecurityGroup]);
    expect(loaded({ protocols: ['FTPS'] }).transferServers[0]!.certificate).toMatch(/^arn:aws:acm:/);
  });

  it('is plain data with the exported constants, and a new object on every call', () => {
    const template = articleTopology();
    expect(JSON.parse(JSON.stringify(template))).toEqual(template);
    expect(articleTopology()).not.toBe(template);
    const topology = loadTemplateText(JSON.stringify(template), 't.json');
    expect(topology.subnets.filter((s) => s.vpcId === ARTICLE_LOGICAL_IDS.ftpVpc).map((s) => s.cidrBlock)).toEqual([
      ...ARTICLE_FTP_SUBNET_CIDRS,
    ]);
    expect(topology.securityGroups.find((g) => g.id === 'ServerSg')!.ingress.map((r) => r.peer)).toEqual([
      { cidr: ARTICLE_CLIENT_VPC_CIDR },
      { cidr: ARTICLE_CLIENT_VPC_CIDR },
    ]);
  });
});
