import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
// hash-wasm's per-algorithm build: its package root carries every algorithm (~210 KiB) into a bundle.
import hashWasmArgon2 from 'hash-wasm/dist/argon2.umd.min.js';
import { PasswordHashFormatError } from './errors.js';

const { argon2id } = hashWasmArgon2;

export type PasswordHashAlgorithm = 'scrypt' | 'argon2id';

type ParsedHash =
  | { algorithm: 'scrypt'; ln: number; r: number; p: number; salt: Buffer; hash: Buffer }
  | { algorithm: 'argon2id'; m: number; t: number; p: number; salt: Buffer; hash: Buffer };

/** Default cost: scrypt 2^15 x 8 (32 MiB), argon2id 19 MiB x 2 passes (OWASP's minimum), both about 50-100 ms. */
export const DEFAULT_SCRYPT = { ln: 15, r: 8, p: 1 } as const;
export const DEFAULT_ARGON2ID = { m: 19_456, t: 2, p: 1 } as const;

// Bounds keep a mistaken or hostile hash from exhausting the Lambda's memory or time.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const B64 = /^[A-Za-z0-9+/.]+$/;

function decodeB64(field: string, what: string): Buffer {
  if (!B64.test(field)) throw new PasswordHashFormatError(`${what} is not unpadded base64`);
  // passlib writes '.' for '+' (its "ab64" alphabet); accept both.
  return Buffer.from(field.replaceAll('.', '+'), 'base64');
}

const encodeB64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

function parseParams(text: string, names: readonly string[]): Record<string, number> {
  const params: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (name === undefined || !names.includes(name) || value === undefined || !/^\d{1,9}$/.test(value)) {
      throw new PasswordHashFormatError(`parameters must be ${names.map((n) => `${n}=<number>`).join(',')}`);
    }
    params[name] = Number(value);
  }
  for (const name of names) {
    if (params[name] === undefined) throw new PasswordHashFormatError(`parameter ${name} is missing`);
  }
  return params;
}

/** Parses and bounds-checks a `$scrypt$...` or `$argon2id$...` PHC string. Never echoes the input. */
export function parsePasswordHash(phc: string): ParsedHash {
  const fields = phc.split('$');
  if (fields[0] !== '' || fields.length < 5) {
    throw new PasswordHashFormatError('expected a PHC string like $scrypt$ln=15,r=8,p=1$<salt>$<hash>');
  }
  if (fields[1] === 'scrypt' && fields.length === 5) {
    const { ln, r, p } = parseParams(fields[2]!, ['ln', 'r', 'p']) as { ln: number; r: number; p: number };
    if (ln < 1 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16 || 128 * 2 ** ln * r > MAX_MEMORY_BYTES) {
      throw new PasswordHashFormatError('scrypt parameters out of bounds (1<=ln<=20, 1<=r<=32, 1<=p<=16, <=256 MiB)');
    }
    return { algorithm: 'scrypt', ln, r, p, ...saltAndHash(fields[3]!, fields[4]!) };
  }
  if (fields[1] === 'argon2id' && fields.length === 6) {
    if (fields[2] !== 'v=19') throw new PasswordHashFormatError('argon2id version must be v=19');
    const { m, t, p } = parseParams(fields[3]!, ['m', 't', 'p']) as { m: number; t: number; p: number };
    if (m < 8 * p || m * 1024 > MAX_MEMORY_BYTES || t < 1 || t > 16 || p < 1 || p > 16) {
      throw new PasswordHashFormatError('argon2id parameters out of bounds (8p<=m<=262144 KiB, 1<=t<=16, 1<=p<=16)');
    }
    return { algorithm: 'argon2id', m, t, p, ...saltAndHash(fields[4]!, fields[5]!) };
  }
  throw new PasswordHashFormatError('unsupported algorithm: use $scrypt$ or $argon2id$ (v=19)');
}

function saltAndHash(saltText: string, hashText: string) {
  const salt = decodeB64(saltText, 'salt');
  const hash = decodeB64(hashText, 'hash');
  if (salt.length < 8 || salt.length > 64) throw new PasswordHashFormatError('salt must be 8-64 bytes');
  if (hash.length < 16 || hash.length > 64) throw new PasswordHashFormatError('hash must be 16-64 bytes');
  return { salt, hash };
}

function scrypt(password: string, salt: Buffer, ln: number, r: number, p: number, length: number): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

async function derive(password: string, parsed: ParsedHash): Promise<Buffer> {
  if (parsed.algorithm === 'scrypt') {
    return scrypt(password, parsed.salt, parsed.ln, parsed.r, parsed.p, parsed.hash.length);
  }
  const key = await argon2id({
    password,
    salt: parsed.salt,
    parallelism: parsed.p,
    iterations: parsed.t,
    memorySize: parsed.m,
    hashLength: parsed.hash.length,
    outputType: 'binary',
  });
  return Buffer.from(key);
}

/** True if `password` matches the PHC string; compares in constant time. Throws `PasswordHashFormatError`. */
export async function verifyPassword(password: string, phc: string | ParsedHash): Promise<boolean> {
  const parsed = typeof phc === 'string' ? parsePasswordHash(phc) : phc;
  return timingSafeEqual(await derive(password, parsed), parsed.hash);
}

export interface HashPasswordOptions {
  /** @default 'scrypt' */
  algorithm?: PasswordHashAlgorithm;
}

/** Hashes a password to a PHC string with the default cost of the chosen algorithm. */
export async function hashPassword(password: string, options: HashPasswordOptions = {}): Promise<string> {
  const salt = randomBytes(16);
  if ((options.algorithm ?? 'scrypt') === 'scrypt') {
    const { ln, r, p } = DEFAULT_SCRYPT;
    const key = await scrypt(password, salt, ln, r, p, 32);
    return `$scrypt$ln=${ln},r=${r},p=${p}$${encodeB64(salt)}$${encodeB64(key)}`;
  }
  const { m, t, p } = DEFAULT_ARGON2ID;
  const key = await derive(password, { algorithm: 'argon2id', m, t, p, salt, hash: Buffer.alloc(32) });
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${encodeB64(salt)}$${encodeB64(key)}`;
}

/**
 * Hashes of random, discarded passwords at the default cost of each algorithm: a denial that verified no real hash
 * verifies one of these, so that it costs what a wrong password costs.
 */
export const DUMMY_PASSWORD_HASHES: Readonly<Record<PasswordHashAlgorithm, string>> = {
  scrypt: '$scrypt$ln=15,r=8,p=1$Whk51Y2mj9jDYTNkSKIq3A$QGB3oIi8y1PMp4TeFCw0RQK4rWSvAA5NqbCz9ZCmij0',
  argon2id: '$argon2id$v=19$m=19456,t=2,p=1$7aHeoSwf2R1iSNfUyYB4ZQ$ip0w4EatbiVsiVxxsJ06pOvplmlBB0ONY5/pSmrHZNA',
};
