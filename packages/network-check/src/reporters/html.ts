// `--format html`: one self-contained page (inline CSS and SVG, no script) with each client network's path to the
// endpoint and back, hop by hop, each hop green or red with its findings and their fixes beside it.
import { TopologyIndex } from '../analysis/topology-index.js';
import type { RuleId } from '../catalog.js';
import type { NetworkFinding } from '../check.js';
import { type Coverage, coverageGap, coverageLine } from '../coverage.js';
import { isUnknown, type Topology } from '../model.js';
import { ftpServers } from '../rules/rule.js';
import { summaryLine } from './summary.js';

/** The hops of a path in the order a connection meets them, and the rules that judge each. */
const HOPS: readonly { name: string; rules: readonly RuleId[] }[] = [
  { name: 'Client security groups and NACL', rules: ['CFTP-NET-008', 'CFTP-NET-015'] },
  { name: 'Client route table', rules: ['CFTP-NET-011', 'CFTP-NET-013', 'CFTP-NET-016'] },
  { name: 'Peering / VPN / transit gateway', rules: ['CFTP-NET-009', 'CFTP-NET-010', 'CFTP-NET-030'] },
  { name: 'Endpoint subnet NACL', rules: ['CFTP-NET-014'] },
  { name: 'Endpoint security groups', rules: ['CFTP-NET-005', 'CFTP-NET-006', 'CFTP-NET-007'] },
  {
    name: 'Transfer endpoint',
    rules: ['CFTP-NET-001', 'CFTP-NET-002', 'CFTP-NET-003', 'CFTP-NET-004', 'CFTP-NET-026', 'CFTP-NET-027'],
  },
  {
    name: 'STS / Secrets Manager endpoints, IdP',
    rules: [
      'CFTP-NET-017',
      'CFTP-NET-018',
      'CFTP-NET-019',
      'CFTP-NET-020',
      'CFTP-NET-021',
      'CFTP-NET-022',
      'CFTP-NET-023',
      'CFTP-NET-024',
    ],
  },
  { name: 'Route back to the client', rules: ['CFTP-NET-012'] },
];

const BOX = { width: 150, height: 64, gap: 26 };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Whether a finding is about this client (it names it), or about no client in particular. */
function concerns(finding: NetworkFinding, client: { name: string; cidr: string }, clients: string[]): boolean {
  const text = `${finding.message} ${JSON.stringify(finding.evidence)}`;
  if (text.includes(client.name) || text.includes(client.cidr)) return true;
  return !clients.some((name) => text.includes(name));
}

function pathDiagram(hops: { name: string; findings: NetworkFinding[] }[]): string {
  const width = hops.length * (BOX.width + BOX.gap);
  const boxes = hops.map((hop, i) => {
    const x = i * (BOX.width + BOX.gap);
    const failed = hop.findings.some((f) => f.severity === 'error');
    const warned = !failed && hop.findings.length > 0;
    const colour = failed ? '#d93025' : warned ? '#e8a200' : '#188038';
    const status = failed ? 'fail' : warned ? 'warn' : 'pass';
    const arrow =
      i < hops.length - 1
        ? `<line x1="${x + BOX.width}" y1="${BOX.height / 2}" x2="${x + BOX.width + BOX.gap - 4}" y2="${BOX.height / 2}" stroke="#555" marker-end="url(#arrow)"/>`
        : '';
    const ids = hop.findings.map((f) => f.id).join(' ');
    return `<g class="hop" data-hop="${escapeHtml(hop.name)}" data-status="${status}" data-rules="${ids}">
  <title>${escapeHtml(hop.name)}${ids ? `: ${ids}` : ': no finding'}</title>
  <rect x="${x}" y="0" width="${BOX.width}" height="${BOX.height}" rx="8" fill="${colour}"/>
  <foreignObject x="${x + 6}" y="4" width="${BOX.width - 12}" height="${BOX.height - 8}"><div xmlns="http://www.w3.org/1999/xhtml" class="label">${escapeHtml(hop.name)}${ids ? `<br/><b>${escapeHtml(ids)}</b>` : ''}</div></foreignObject>
  ${arrow}
</g>`;
  });
  return `<svg role="img" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${BOX.height}" viewBox="0 0 ${width} ${BOX.height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
${boxes.join('\n')}
</svg>`;
}

/** The HTML report: per server and client network, the path diagram and the findings of each failing hop. */
export function formatHtml(findings: NetworkFinding[], topology: Topology, coverage?: Coverage): string {
  const index = new TopologyIndex(topology);
  const sections: string[] = [];
  const placed = new Set<NetworkFinding>();
  for (const server of ftpServers(topology)) {
    const declared = findings.flatMap((f) => {
      const cidr = f.evidence.clientCidr ?? f.evidence.destination;
      return typeof cidr === 'string' && !index.clients(server).some((c) => c.cidr === cidr) ? [cidr] : [];
    });
    const clients = [
      ...index.clients(server).map((c) => ({ name: c.name, cidr: isUnknown(c.cidr) ? '?' : c.cidr })),
      ...[...new Set(declared)].map((cidr) => ({ name: cidr, cidr })),
    ];
    const names = clients.map((c) => c.name);
    for (const client of clients) {
      const hops = HOPS.map((hop) => ({
        name: hop.name,
        findings: findings.filter((f) => hop.rules.includes(f.id) && concerns(f, client, names)),
      }));
      for (const hop of hops) for (const f of hop.findings) placed.add(f);
      const details = hops
        .filter((hop) => hop.findings.length > 0)
        .map(
          (hop) =>
            `<li><b>${escapeHtml(hop.name)}</b><ul>${hop.findings
              .map(
                (f) =>
                  `<li class="${f.severity}"><a href="${escapeHtml(f.docs)}">${f.id}</a> ${escapeHtml(f.message)}<br/>fix: ${escapeHtml(f.remediation)}</li>`,
              )
              .join('')}</ul></li>`,
        )
        .join('');
      sections.push(`<section class="path" data-client="${escapeHtml(client.name)}" data-server="${escapeHtml(server.id)}">
<h2>${escapeHtml(client.name)} (${escapeHtml(client.cidr)}) &rarr; ${escapeHtml(server.id)} and back</h2>
${pathDiagram(hops)}
${details ? `<ul class="findings">${details}</ul>` : '<p class="clean">Every hop of this path is clear.</p>'}
</section>`);
    }
  }
  const others = findings.filter((f) => !placed.has(f));
  const gap = coverage && coverageGap(coverage);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>network-check report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #202124; }
.label { color: #fff; font-size: 12px; text-align: center; }
.gap { background: #fef7e0; border-left: 4px solid #e8a200; padding: .5rem 1rem; }
li.error { color: #a50e0e; } li.warning { color: #8a5a00; }
svg { display: block; margin: .5rem 0 1rem; max-width: 100%; height: auto; }
</style></head>
<body>
<h1>network-check: ${escapeHtml(topology.source.location)}</h1>
${gap ? `<p class="gap">${escapeHtml(gap)}</p>` : ''}
<p class="summary">${escapeHtml(summaryLine(findings, coverage))}${coverage && !summaryLine(findings, coverage).includes('Checked') ? ` ${escapeHtml(coverageLine(coverage))}` : ''}</p>
${sections.join('\n')}
${others.length > 0 ? `<section class="other"><h2>Other findings</h2><ul>${others.map((f) => `<li class="${f.severity}"><a href="${escapeHtml(f.docs)}">${f.id}</a> ${escapeHtml(f.resource)}: ${escapeHtml(f.message)}<br/>fix: ${escapeHtml(f.remediation)}</li>`).join('')}</ul></section>` : ''}
</body></html>
`;
}
