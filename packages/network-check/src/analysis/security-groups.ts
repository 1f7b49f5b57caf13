import { isUnknown, type Peer, type SecurityGroup } from '../model.js';
import { cidrContains } from './cidr.js';
import { type PortRange, protocolCoversTcp, uncovered } from './ports.js';

/** Who is on the other side of a connection, as far as security group rules can tell. */
export interface Party {
  cidr?: string;
  securityGroupIds?: string[];
}

function peerMatches(peer: Peer, party: Party): boolean {
  if (isUnknown(peer)) return false;
  if ('cidr' in peer) return party.cidr !== undefined && cidrContains(peer.cidr, party.cidr);
  if ('securityGroupId' in peer) return party.securityGroupIds?.includes(peer.securityGroupId) ?? false;
  return false;
}

/** TCP ports of `wanted` that the groups' ingress (or egress) rules do not admit from (or to) `party`. */
export function blockedTcpPorts(
  groups: SecurityGroup[],
  direction: 'ingress' | 'egress',
  party: Party,
  wanted: PortRange,
): PortRange[] {
  const allowed = groups
    .flatMap((group) => group[direction])
    .filter((rule) => protocolCoversTcp(rule.protocol) && peerMatches(rule.peer, party))
    .map((rule) => ({ from: rule.fromPort, to: rule.toPort }));
  return uncovered(wanted, allowed);
}
