import { describe, expect, it } from 'vitest';
import {
  DOCS_BASE_URL,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatText,
  type NetworkFinding,
  RULES,
  ruleDocsUrl,
} from '../../src/index.js';

const findings: NetworkFinding[] = [
  {
    id: 'CFTP-NET-006',
    severity: 'error',
    title: 'Endpoint security group admits TCP 8192-8200 from every client',
    resource: 'App/Server',
    message: 'No security group admits TCP 8192-8200 | from 10.1.0.0/24.',
    evidence: { blockedPorts: ['8192-8200'] },
    remediation: 'Add an ingress rule.',
    docs: ruleDocsUrl('CFTP-NET-006'),
    location: {
      file: '/work/cdk.out/App.template.json',
      stack: 'App',
      logicalId: 'Server',
      constructPath: 'App/Ftp/Server',
    },
  },
  {
    id: 'CFTP-NET-026',
    severity: 'info',
    title: 'FTPS TLS session resumption mode suits the clients',
    resource: 's-0123',
    message: 'FTPS enforces TLS session resumption.',
    evidence: {},
    remediation: 'Keep ENFORCED if all clients resume.',
    docs: ruleDocsUrl('CFTP-NET-026'),
  },
];

describe('reporters', () => {
  it('text groups by rule, names the construct path, and colours only when asked', () => {
    const plain = formatText(findings);
    expect(plain).toContain('ERROR CFTP-NET-006 Endpoint security group admits TCP 8192-8200 from every client');
    expect(plain).toContain('  - App/Ftp/Server: No security group');
    expect(plain).toContain('1 error(s), 0 warning(s), 1 info.');
    expect(plain).not.toContain('\u001b[');
    expect(formatText(findings, { colour: true })).toContain('\u001b[');
  });

  it('JSON carries the summary and every field', () => {
    const json = JSON.parse(formatJson(findings, { version: 4, source: { kind: 'cdk-out', location: 'cdk.out' } }));
    expect(json.summary).toEqual({ error: 1, warning: 0, info: 1 });
    expect(json.findings[0]).toEqual(findings[0]);
  });

  it('SARIF 2.1.0 maps severities to levels and locates results', () => {
    const sarif = JSON.parse(formatSarif(findings, { baseDirectory: '/work', toolVersion: '1.2.3' }));
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({
      name: 'network-check',
      version: '1.2.3',
      informationUri: `${DOCS_BASE_URL}packages/network-check`,
    });
    expect(run.tool.driver.rules[5].helpUri).toBe(`${DOCS_BASE_URL}rules/CFTP-NET-006`);
    expect(run.tool.driver.rules).toHaveLength(Object.keys(RULES).length);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'note']);
    expect(run.results[0].locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'cdk.out/App.template.json' } },
      logicalLocations: [{ name: 'Server', fullyQualifiedName: 'App/Ftp/Server', kind: 'resource' }],
    });
    expect(run.results[1].locations[0]).toEqual({
      logicalLocations: [{ name: 's-0123', fullyQualifiedName: 's-0123', kind: 'resource' }],
    });
  });

  it('Markdown escapes table cells and links each rule page', () => {
    const markdown = formatMarkdown(findings);
    expect(markdown).toContain(`[CFTP-NET-006](${ruleDocsUrl('CFTP-NET-006')})`);
    expect(markdown).toContain('TCP 8192-8200 \\| from');
    expect(formatMarkdown([])).toContain('No findings');
  });
});
