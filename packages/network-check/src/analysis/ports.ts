/** An inclusive port range. */
export interface PortRange {
  from: number;
  to: number;
}

export const FTP_CONTROL: PortRange = { from: 21, to: 21 };
export const FTP_PASSIVE: PortRange = { from: 8192, to: 8200 };
export const EPHEMERAL: PortRange = { from: 1024, to: 65535 };
export const HTTPS: PortRange = { from: 443, to: 443 };

export function formatPorts(range: PortRange): string {
  return range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
}

/** The parts of `wanted` that none of `allowed` covers. */
export function uncovered(wanted: PortRange, allowed: PortRange[]): PortRange[] {
  const sorted = allowed.filter((r) => r.to >= wanted.from && r.from <= wanted.to).sort((a, b) => a.from - b.from);
  const gaps: PortRange[] = [];
  let next = wanted.from;
  for (const range of sorted) {
    if (range.from > next) gaps.push({ from: next, to: Math.min(range.from - 1, wanted.to) });
    next = Math.max(next, range.to + 1);
    if (next > wanted.to) break;
  }
  if (next <= wanted.to) gaps.push({ from: next, to: wanted.to });
  return gaps;
}

export function protocolCoversTcp(protocol: string): boolean {
  return protocol === 'tcp' || protocol === '-1' || protocol === '6';
}
