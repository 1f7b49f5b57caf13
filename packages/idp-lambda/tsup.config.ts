// The CommonJS build next to tsc's ESM one, for CommonJS apps (ts-node, jest): dist/*.cjs with dist/*.d.cts.
// The Lambda handler bundle (dist/bundle/index.mjs) stays ESM: scripts/bundle.mjs builds it.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/facts.ts'],
  format: ['cjs'],
  // Types: tsc's .d.ts written again as .d.cts by scripts/package-types.mjs.
  dts: false,
  tsconfig: 'tsconfig.build.json',
  target: 'node20',
  // One copy of each module (and so of each error class) shared by the entry points.
  splitting: true,
  // `import.meta.url` (handlerBundleDir) becomes the .cjs file's own URL.
  shims: true,
  // Runs before tsc (which adds the ESM build and the .d.ts) and the handler bundle: starts dist/ afresh.
  clean: true,
  sourcemap: true,
});
