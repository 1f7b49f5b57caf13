// `--format html`: one self-contained page (inline CSS and SVG, no script) with each client network's path to the
// endpoint and back, hop by hop, each hop green or red with its findings and their fixes beside it.
import { gatewayHops } from '../analysis/gateway-hops.js';
import { type DeclaredClient, TopologyIndex } from '../analysis/topology-index.js';
import type { PathHop } from '../analysis/transit-gateways.js';
import type { RuleId } from '../catalog.js';
import type { NetworkFinding } from '../check.js';
import { parseClientNetworks } from '../clients.js';
import { type Coverage, coverageGap, coverageLine } from '../coverage.js';
import { isUnknown, type Topology } from '../model.js';
import { ftpServers } from '../rules/rule.js';
import { summaryLine } from './summary.js';

/** Rules judging a transit gateway hop: drawn on the hop they name when the path's TGW hops are known. */
const TRANSIT_RULES: readonly RuleId[] = [
  'CFTP-NET-031',
  'CFTP-NET-032',
  'CFTP-NET-033',
  'CFTP-NET-034',
  'CFTP-NET-035',
];

/** What a gateway hop is called in the diagram. */
const GATEWAY_HOP_NAMES: Record<PathHop['kind'], string> = {
  'transit-gateway': 'Transit gateway',
  'tgw-attachment': 'TGW attachment',
  'tgw-route-table': 'TGW route table',
  'tgw-peering': 'TGW peering',
  'vpn-gateway': 'VPN gateway',
  'aws-edge': 'AWS edge',
};

/** The first box of a declared client network's path. */
const ON_PREMISES_HOP = 'Client network (outside AWS, not checked)';

interface DrawnHop {
  name: string;
  findings: NetworkFinding[];
  /** What the hop does (its tooltip and second line), for gateway hops. */
  detail?: string;
  /** The evaluation itself failed here, whatever the findings say. */
  broken?: boolean;
}

/** The hops of a path in the order a connection meets them, and the rules that judge each. */
const HOPS: readonly { name: string; rules: readonly RuleId[] }[] = [
  { name: 'Client security groups and NACL', rules: ['CFTP-NET-008', 'CFTP-NET-015'] },
  { name: 'Client route table', rules: ['CFTP-NET-011', 'CFTP-NET-013', 'CFTP-NET-016'] },
  {
    name: 'Peering / VPN / transit gateway',
    rules: ['CFTP-NET-009', 'CFTP-NET-010', 'CFTP-NET-030', ...TRANSIT_RULES],
  },
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

function pathDiagram(hops: DrawnHop[]): string {
  const width = hops.length * (BOX.width + BOX.gap);
  const boxes = hops.map((hop, i) => {
    const x = i * (BOX.width + BOX.gap);
    const failed = hop.broken === true || hop.findings.some((f) => f.severity === 'error');
    const warned = !failed && hop.findings.length > 0;
    const outside = !failed && !warned && hop.name === ON_PREMISES_HOP;
    const colour = failed ? '#d93025' : warned ? '#e8a200' : outside ? '#5f6368' : '#188038';
    const status = failed ? 'fail' : warned ? 'warn' : outside ? 'outside' : 'pass';
    const arrow =
      i < hops.length - 1
        ? `<line x1="${x + BOX.width}" y1="${BOX.height / 2}" x2="${x + BOX.width + BOX.gap - 4}" y2="${BOX.height / 2}" stroke="#555" marker-end="url(#arrow)"/>`
        : '';
    const ids = hop.findings.map((f) => f.id).join(' ');
    return `<g class="hop" data-hop="${escapeHtml(hop.name)}" data-status="${status}" data-rules="${ids}">
  <title>${escapeHtml(hop.name)}${hop.detail ? ` (${escapeHtml(hop.detail)})` : ''}${ids ? `: ${ids}` : ': no finding'}</title>
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
export interface HtmlOptions {
  /** The declared client networks of the check (`--client-cidr`, `clients`): their entry into AWS is drawn. */
  clients?: readonly (string | DeclaredClient)[];
}

/** The gateway hops in place of the one peering/VPN/TGW box, and the way back after the route back. */
function withGatewayHops(
  hops: DrawnHop[],
  gateways: { forward: PathHop[]; back: PathHop[] },
  findings: NetworkFinding[],
): DrawnHop[] {
  const drawn = (list: PathHop[], direction: string): DrawnHop[] =>
    list.map((hop) => ({
      name: `${GATEWAY_HOP_NAMES[hop.kind]} ${hop.id}${direction}`,
      detail: hop.label,
      findings: findings.filter((f) => !hop.ok && hop.rule === f.id),
      ...(hop.ok ? {} : { broken: true }),
    }));
  const middle = hops.findIndex((h) => h.name === 'Peering / VPN / transit gateway');
  const result = [...hops];
  if (gateways.back.length > 0) result.push(...drawn(gateways.back, ' (back)'));
  if (gateways.forward.length > 0) {
    const peering = result[middle]!;
    const rest = peering.findings.filter((f) => !TRANSIT_RULES.includes(f.id));
    const forward = drawn(gateways.forward, '');
    result.splice(middle, 1, ...(rest.length > 0 ? [{ ...peering, findings: rest }] : []), ...forward);
  }
  // A finding the evaluation did not stop at goes on the hop it names, else on the first broken or last hop.
  const placed = new Set(result.flatMap((h) => h.findings));
  const gatewayBoxes = result.filter((h) => h.detail !== undefined);
  for (const finding of findings.filter((f) => !placed.has(f))) {
    if (gatewayBoxes.length === 0) break;
    const target =
      gatewayBoxes.find((h) => h.name.split(' ').includes(finding.resource)) ??
      gatewayBoxes.find((h) => h.broken) ??
      gatewayBoxes[gatewayBoxes.length - 1]!;
    target.findings = [...target.findings, finding];
  }
  return result;
}

export function formatHtml(
  findings: NetworkFinding[],
  topology: Topology,
  coverage?: Coverage,
  options: HtmlOptions = {},
): string {
  const index = new TopologyIndex(topology, parseClientNetworks(options.clients ?? []));
  const sections: string[] = [];
  const placed = new Set<NetworkFinding>();
  const subnetCidrs = new Set(topology.subnets.map((s) => s.cidrBlock).filter((c) => typeof c === 'string'));
  for (const server of ftpServers(topology)) {
    const declared = findings.flatMap((f) => {
      const cidr = f.evidence.clientCidr ?? f.evidence.destination;
      // A subnet's own CIDR is an endpoint-side destination, not a client network the check was given.
      const known = index.clients(server).some((c) => c.cidr === cidr) || subnetCidrs.has(cidr as string);
      return typeof cidr === 'string' && !known ? [cidr] : [];
    });
    const known = index.clients(server);
    const clients = [
      ...known.map((c) => ({ name: c.name, cidr: isUnknown(c.cidr) ? '?' : c.cidr, client: c })),
      ...[...new Set(declared)].map((cidr) => ({ name: cidr, cidr, client: undefined })),
    ];
    const names = clients.map((c) => c.name);
    for (const client of clients) {
      const mine = (ids: readonly RuleId[]) => findings.filter((f) => ids.includes(f.id) && concerns(f, client, names));
      const plain: DrawnHop[] = HOPS.map((hop) => ({ name: hop.name, findings: mine(hop.rules) }));
      // A declared network's own side is outside AWS: one grey box instead of its security groups and route table.
      if (client.client?.kind === 'declared' || client.client === undefined) {
        plain.splice(0, 2, { name: ON_PREMISES_HOP, findings: mine([...HOPS[0]!.rules, ...HOPS[1]!.rules]) });
      }
      const gateways = client.client ? gatewayHops(index, server, client.client) : { forward: [], back: [] };
      const hops = withGatewayHops(plain, gateways, mine(TRANSIT_RULES));
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
