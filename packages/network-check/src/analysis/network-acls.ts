import { isUnknown, type NetworkAcl } from '../model.js';
import { cidrContains, cidrsOverlap } from './cidr.js';
import type { PortRange } from './ports.js';

/** A stretch of ports a network ACL drops, and the entry that decides it (`*` = the final implicit deny). */
export interface AclDenial {
  ports: PortRange;
  ruleNumber: number | '*';
}

/**
 * Evaluates the ACL for TCP traffic from/to `cidr` over `wanted`, entries in rule-number order, first match wins.
 * An allow only counts when it covers the whole CIDR; a deny counts as soon as it overlaps (some hosts are cut off).
 */
export function aclDenials(acl: NetworkAcl, egress: boolean, cidr: string, wanted: PortRange): AclDenial[] {
  const entries = acl.entries
    .filter((e) => e.egress === egress && (e.protocol === '-1' || e.protocol === 'tcp' || e.protocol === '6'))
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  const edges = new Set([wanted.from, wanted.to + 1]);
  for (const entry of entries) {
    if (entry.protocol === '-1' || entry.fromPort === undefined) continue;
    for (const edge of [entry.fromPort, (entry.toPort ?? entry.fromPort) + 1]) {
      if (edge > wanted.from && edge <= wanted.to) edges.add(edge);
    }
  }
  const points = [...edges].sort((a, b) => a - b);
  const denials: AclDenial[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const ports = { from: points[i]!, to: points[i + 1]! - 1 };
    const verdict = decide(entries, cidr, ports.from);
    if (verdict !== 'allow') {
      const last = denials.at(-1);
      if (last && last.ruleNumber === verdict && last.ports.to + 1 === ports.from) last.ports.to = ports.to;
      else denials.push({ ports, ruleNumber: verdict });
    }
  }
  return denials;
}

function decide(entries: NetworkAcl['entries'], cidr: string, port: number): 'allow' | number | '*' {
  for (const entry of entries) {
    if (isUnknown(entry.cidr)) continue;
    const inRange =
      entry.protocol === '-1' ||
      entry.fromPort === undefined ||
      (port >= entry.fromPort && port <= (entry.toPort ?? entry.fromPort));
    if (!inRange || !cidrsOverlap(entry.cidr, cidr)) continue;
    if (entry.action === 'deny') return entry.ruleNumber;
    if (cidrContains(entry.cidr, cidr)) return 'allow';
  }
  return '*';
}
