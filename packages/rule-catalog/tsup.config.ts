// The CommonJS build next to tsc's ESM one, for CommonJS CDK apps (ts-node, jest): dist/*.cjs with dist/*.d.cts.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['cjs'],
  // Types: tsc's .d.ts written again as .d.cts by scripts/package-types.mjs (rollup-plugin-dts takes minutes here).
  dts: false,
  tsconfig: 'tsconfig.build.json',
  target: 'node20',
  // Runs before tsc (which adds the ESM build and the .d.ts): starts dist/ afresh.
  clean: true,
  sourcemap: true,
});
