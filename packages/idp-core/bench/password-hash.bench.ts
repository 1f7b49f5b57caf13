// Why hash-wasm for argon2id: the same verification with hash-wasm (WebAssembly) and @noble/hashes (pure JS), and
// scrypt from node:crypto next to argon2id, all at the default costs, in this one process.
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { bench, describe } from 'vitest';
import { DEFAULT_ARGON2ID, hashPassword, verifyPassword } from '../src/index.js';

const PASSWORD = 'correct horse';
const argon2Hash = await hashPassword(PASSWORD, { algorithm: 'argon2id' });
const scryptHash = await hashPassword(PASSWORD);
const salt = new Uint8Array(16);
const { m, t, p } = DEFAULT_ARGON2ID;

// Each verification takes 50-250 ms: a fixed number of runs, not a time budget.
const runs = (iterations: number) => ({ iterations, warmupIterations: 1, time: 0, warmupTime: 0 });

describe(`argon2id verification, m=${m} KiB t=${t} p=${p}`, () => {
  bench('hash-wasm (WebAssembly, ours)', () => verifyPassword(PASSWORD, argon2Hash).then(() => undefined), runs(15));
  bench('@noble/hashes (pure JS)', () => void nobleArgon2id(PASSWORD, salt, { m, t, p, dkLen: 32 }), runs(5));
});

describe('one verification at the default cost of each algorithm', () => {
  bench(
    'scrypt ln=15 r=8 p=1 (node:crypto)',
    () => verifyPassword(PASSWORD, scryptHash).then(() => undefined),
    runs(15),
  );
  bench(
    `argon2id m=${m} t=${t} p=${p} (hash-wasm)`,
    () => verifyPassword(PASSWORD, argon2Hash).then(() => undefined),
    runs(15),
  );
});
