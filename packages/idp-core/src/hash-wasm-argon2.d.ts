// Types for hash-wasm's per-algorithm argon2 build, which ships without its own.
declare module 'hash-wasm/dist/argon2.umd.min.js' {
  const argon2: { argon2id: typeof import('hash-wasm').argon2id };
  export default argon2;
}
