import { isUnknown, type SecurityGroup } from '../model.js';
import { parseCidr } from './cidr.js';
import { type PortRange, protocolCoversTcp } from './ports.js';

/** Who is on the other side of a connection, as far as security group rules can tell. */
export interface Party {
  cidr?: string;
  securityGroupIds?: string[];
}

interface Grant {
  ports: PortRange;
  /** Addresses of the party this rule admits, as [first, last]; the whole party for a group reference. */
  addresses: [number, number];
}

/**
 * TCP ports of `wanted` that the groups' ingress (or egress) rules do not admit from (or to) every address of
 * `party`. Rules add up: two rules for the two halves of a network admit all of it.
 */
export function blockedTcpPorts(
  groups: SecurityGroup[],
  direction: 'ingress' | 'egress',
  party: Party,
  wanted: PortRange,
): PortRange[] {
  const target = party.cidr === undefined ? undefined : parseCidr(party.cidr);
  const whole: [number, number] = target ? [target.start, target.end] : [0, 0];
  const grants: Grant[] = [];
  for (const rule of groups.flatMap((group) => group[direction])) {
    if (!protocolCoversTcp(rule.protocol) || isUnknown(rule.peer)) continue;
    const ports = { from: rule.fromPort, to: rule.toPort };
    if ('securityGroupId' in rule.peer && party.securityGroupIds?.includes(rule.peer.securityGroupId)) {
      grants.push({ ports, addresses: whole });
    } else if ('cidr' in rule.peer && target) {
      const block = parseCidr(rule.peer.cidr);
      if (block && block.start <= target.end && target.start <= block.end) {
        grants.push({ ports, addresses: [Math.max(block.start, target.start), Math.min(block.end, target.end)] });
      }
    }
  }
  // Between two consecutive edges every port is admitted by the same rules, so one port decides the stretch.
  const edges = new Set([wanted.from, wanted.to + 1]);
  for (const { ports } of grants) {
    for (const edge of [ports.from, ports.to + 1]) if (edge > wanted.from && edge <= wanted.to) edges.add(edge);
  }
  const points = [...edges].sort((a, b) => a - b);
  const blocked: PortRange[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const port = points[i]!;
    const admitted = grants.filter((g) => g.ports.from <= port && port <= g.ports.to).map((g) => g.addresses);
    if (covers(admitted, whole)) continue;
    const last = blocked.at(-1);
    if (last && last.to + 1 === port) last.to = points[i + 1]! - 1;
    else blocked.push({ from: port, to: points[i + 1]! - 1 });
  }
  return blocked;
}

/** Whether the union of `ranges` covers all of `[first, last]`. */
function covers(ranges: [number, number][], [first, last]: [number, number]): boolean {
  let next = first;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start > next) return false;
    next = Math.max(next, end + 1);
    if (next > last) return true;
  }
  return next > last;
}
