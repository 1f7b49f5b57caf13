// The CommonJS build next to tsc's ESM one, for CommonJS apps (ts-node, jest): dist/*.cjs with dist/*.d.cts.
// The bin and the canary bundle stay ESM: scripts/bundle.mjs builds them, and dist/vendor/ for the ESM build.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'canary/index': 'src/canary/index.ts' },
  format: ['cjs'],
  // Types: tsc's .d.ts written again as .d.cts by scripts/package-types.mjs.
  dts: false,
  tsconfig: 'tsconfig.build.json',
  target: 'node20',
  // The AWS SDK and Powertools are devDependencies, so inlined here as in dist/vendor/; ESM builds first (they
  // tree-shake, the SDK's CommonJS builds do not).
  esbuildOptions(options) {
    options.mainFields = ['module', 'main'];
  },
  // One copy of each module (and so of each error class) shared by the entry points, in dist/ (where
  // `import.meta.url` must point: package.json and the bundles are found from there).
  splitting: true,
  // `import.meta.url` (canaryBundleDir, cliBundleFile, the version) becomes the .cjs file's own URL.
  shims: true,
  // Runs before tsc (which adds the ESM build and the .d.ts) and scripts/bundle.mjs: starts dist/ afresh.
  clean: true,
  sourcemap: true,
});
