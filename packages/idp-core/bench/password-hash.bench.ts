// Why hash-wasm for argon2id: the same verification with hash-wasm (WebAssembly) and @noble/hashes (pure JS),
// next to scrypt from node:crypto, at the default costs, in this one process.
import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { DEFAULT_ARGON2ID, hashPassword, verifyPassword } from '../src/index.js';

async function medianMs(task: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const argon2Hash = await hashPassword('correct horse', { algorithm: 'argon2id' });
const scryptHash = await hashPassword('correct horse');
const salt = new Uint8Array(16);
const { m, t, p } = DEFAULT_ARGON2ID;

const hashWasm = await medianMs(() => verifyPassword('correct horse', argon2Hash), 9);
const noble = await medianMs(() => nobleArgon2id('correct horse', salt, { m, t, p, dkLen: 32 }), 3);
const scrypt = await medianMs(() => verifyPassword('correct horse', scryptHash), 9);

console.log(`## password hashes (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
console.log(
  `argon2id m=${m} KiB t=${t} p=${p}: hash-wasm ${hashWasm.toFixed(0)} ms, @noble/hashes ${noble.toFixed(0)} ms -> hash-wasm ${(noble / hashWasm).toFixed(1)}x faster`,
);
console.log(`scrypt ln=15 r=8 p=1 (node:crypto): ${scrypt.toFixed(0)} ms per verification`);
