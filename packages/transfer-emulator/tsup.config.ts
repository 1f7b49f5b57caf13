// The CommonJS build next to tsc's ESM one, for CommonJS apps (ts-node, jest): dist/index.cjs with dist/*.d.cts.
// The bin (dist/cli.js, with its top-level await) stays ESM: tsc builds it.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['cjs'],
  // Types: tsc's .d.ts written again as .d.cts by scripts/package-types.mjs.
  dts: false,
  tsconfig: 'tsconfig.build.json',
  target: 'node20',
  // Runs before tsc (which adds the ESM build, the bin and the .d.ts): starts dist/ afresh.
  clean: true,
  sourcemap: true,
});
