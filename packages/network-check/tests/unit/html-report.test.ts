import { describe, expect, it } from 'vitest';
import { checkTopology, describeCoverage, formatHtml, loadTemplateText } from '../../src/index.js';
import { ARTICLE_BEFORE_FIX, ARTICLE_LOGICAL_IDS, articleTopology } from '../../src/samples.js';

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
});
