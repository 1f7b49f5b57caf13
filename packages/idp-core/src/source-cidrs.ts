import { BlockList, isIP } from 'node:net';

/** A set of IPv4 and IPv6 CIDR blocks that a source address can be checked against. */
export interface SourceCidrs {
  includes(address: string): boolean;
}

/** Parses CIDR blocks; returns the index of the first invalid one instead of throwing. */
export function parseSourceCidrs(
  cidrs: readonly string[],
): { ok: true; cidrs: SourceCidrs } | { ok: false; index: number } {
  const list = new BlockList();
  for (const [index, cidr] of cidrs.entries()) {
    const [address, prefixText, extra] = cidr.trim().split('/');
    const family = isIP(address ?? '');
    const max = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      return { ok: false, index };
    }
    list.addSubnet(address!, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    ok: true,
    cidrs: {
      includes(source) {
        const family = isIP(source);
        if (family === 0) return false;
        // An IPv4-mapped IPv6 source (::ffff:a.b.c.d) matches IPv4 blocks too.
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(source)?.[1];
        return (
          list.check(source, family === 6 ? 'ipv6' : 'ipv4') || (mapped !== undefined && list.check(mapped, 'ipv4'))
        );
      },
    },
  };
}
