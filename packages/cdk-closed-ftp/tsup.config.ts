// ESM and CommonJS builds (CommonJS CDK apps load this with ts-node and jest), one file each. The IdP's small
// side-effect-free facts are inlined, so @closed-ftp/idp-lambda is no runtime dependency (src/idp-facts.ts types
// what is exported from them). Types: tsc's .d.ts, written again as .d.cts by scripts/package-types.mjs.
import { defineConfig } from 'tsup';

const inlined = [/^@closed-ftp\/idp-lambda\/facts$/, /^@closed-ftp\/idp-core\/facts$/];

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: false,
  noExternal: inlined,
  tsconfig: 'tsconfig.build.json',
  target: 'node20',
  // `import.meta.url` (the bundles' folder) becomes the .cjs file's own URL in the CommonJS build.
  shims: true,
  clean: true,
  sourcemap: true,
});
