/** IPv4 CIDR arithmetic on unsigned 32-bit numbers. IPv6 blocks parse to `undefined` (not modelled yet). */
export interface Ipv4Block {
  /** First address. */
  start: number;
  /** Last address. */
  end: number;
  prefix: number;
}

export function parseIpv4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

// Rules compare the same few CIDRs many times; parsing dominated the profile of a large account.
const parsed = new Map<string, Ipv4Block | undefined>();
const MAX_CACHED = 100_000;

export function parseCidr(cidr: string): Ipv4Block | undefined {
  let block = parsed.get(cidr);
  if (block === undefined && !parsed.has(cidr)) {
    if (parsed.size >= MAX_CACHED) parsed.clear();
    block = parseCidrUncached(cidr);
    parsed.set(cidr, block);
  }
  return block;
}

function parseCidrUncached(cidr: string): Ipv4Block | undefined {
  const [address, bits, extra] = cidr.split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const base = parseIpv4(address);
  const prefix = bits === undefined ? 32 : /^\d{1,2}$/.test(bits) ? Number(bits) : Number.NaN;
  if (base === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  const size = 2 ** (32 - prefix);
  const start = base - (base % size);
  return { start, end: start + size - 1, prefix };
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Whether `outer` contains every address of `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return a !== undefined && b !== undefined && a.start <= b.start && b.end <= a.end;
}

export function cidrsOverlap(left: string, right: string): boolean {
  const a = parseCidr(left);
  const b = parseCidr(right);
  return a !== undefined && b !== undefined && a.start <= b.end && b.start <= a.end;
}

/** `Fn::Cidr`: `count` subnets of `32 - cidrBits` prefix carved from `block`, in order. */
export function splitCidr(block: string, count: number, cidrBits: number): string[] | undefined {
  const parent = parseCidr(block);
  const prefix = 32 - cidrBits;
  if (parent === undefined || !Number.isInteger(count) || count < 1 || count > 256) return undefined;
  if (!Number.isInteger(cidrBits) || prefix < parent.prefix || prefix > 32) return undefined;
  const size = 2 ** cidrBits;
  if (parent.start + count * size - 1 > parent.end) return undefined;
  return Array.from({ length: count }, (_, index) => `${formatIpv4(parent.start + index * size)}/${prefix}`);
}
