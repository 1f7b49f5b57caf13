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

export function protocolCoversTcp(protocol: string): boolean {
  return protocol === 'tcp' || protocol === '-1' || protocol === '6';
}
