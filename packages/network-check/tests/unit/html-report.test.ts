import { describe, expect, it } from 'vitest';
import { checkTopology, describeCoverage, formatHtml, loadTemplateText } from '../../src/index.js';
import { ARTICLE_BEFORE_FIX, ARTICLE_LOGICAL_IDS, articleTopology } from '../../src/samples.js';
import {
  hubAndSpokeTemplate,
  ON_PREMISES_CLIENTS,
  onPremisesTransitTemplate,
} from '../fixtures/hub-and-spoke-template.js';

const hopsOf = (html: string) =>
  [...html.matchAll(/data-hop="([^"]*)" data-status="([^"]*)" data-rules="([^"]*)"/g)].map(([, hop, status, rules]) =>
    [hop, status, rules].join(' | '),
  );

describe('formatHtml', () => {
  it('is one self-contained page: no script, no external resource, the text escaped', () => {
    const topology = loadTemplateText(JSON.stringify(articleTopology(ARTICLE_BEFORE_FIX)), '<article>.json');
    const findings = checkTopology(topology);
    const html = formatHtml(findings, topology, describeCoverage(topology));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain('network-check: &#60;article&#62;.json');
    expect(html).toContain(`data-client="${ARTICLE_LOGICAL_IDS.clientInstance}"`);
    // The default group (005/006/007) on the endpoint hop; the STS warning on its own hop.
    expect(html).toMatch(
      /data-hop="Endpoint security groups" data-status="fail" data-rules="CFTP-NET-005 CFTP-NET-006 CFTP-NET-007"/,
    );
    expect(html).toMatch(
      /data-hop="STS \/ Secrets Manager endpoints, IdP" data-status="warn" data-rules="CFTP-NET-017"/,
    );
  });

  it('a clean path says so', () => {
    const topology = loadTemplateText(JSON.stringify(articleTopology()), 'article.json');
    const html = formatHtml([], topology, describeCoverage(topology));
    expect(html).toContain('Every hop of this path is clear.');
    expect(html).not.toContain('data-status="fail"');
  });

  it('draws the transit gateway hops both ways; the one a TGW finding fails at is red, the way there stays green', () => {
    const template = hubAndSpokeTemplate();
    template.Resources.DropClients = {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: {
        TransitGatewayRouteTableId: { Ref: 'TgwRoutes' },
        DestinationCidrBlock: '10.1.0.0/16',
        Blackhole: true,
      },
    };
    const topology = loadTemplateText(JSON.stringify(template), 'tgw.json');
    const findings = checkTopology(topology);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-031']);
    const hops = hopsOf(formatHtml(findings, topology, describeCoverage(topology)));
    expect(hops.filter((h) => h.includes('Transit gateway') || h.includes('TGW'))).toEqual([
      'Transit gateway Tgw | pass | ',
      'TGW attachment ClientAttachment | pass | ',
      'TGW route table TgwRoutes | pass | ',
      'TGW attachment FtpAttachment | pass | ',
      'Transit gateway Tgw (back) | pass | ',
      'TGW attachment FtpAttachment (back) | pass | ',
      'TGW route table TgwRoutes (back) | fail | CFTP-NET-031',
    ]);
    expect(hops).not.toContain('Peering / VPN / transit gateway | pass | ');
  });

  it('an on-premises network: its own side is one grey box outside AWS, then where it enters', () => {
    const topology = loadTemplateText(JSON.stringify(onPremisesTransitTemplate()), 'onprem.json');
    const clients = [`${ON_PREMISES_CLIENTS}@Vpn`];
    const findings = checkTopology(topology, { clientCidrs: clients });
    const html = formatHtml(findings, topology, describeCoverage(topology, clients), { clients });
    expect(hopsOf(html).slice(0, 3)).toEqual([
      'Client network (outside AWS, not checked) | outside | ',
      'AWS edge Vpn.TransitGatewayAttachment | pass | ',
      'Transit gateway Tgw | pass | ',
    ]);
    expect(html).toContain('their on-premises side is outside AWS');
  });
});
