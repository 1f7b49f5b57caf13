import { fileURLToPath } from 'node:url';

// The build copies the three one-file bundles into this package's dist/ (as aws-cdk-lib ships its handlers), so an app
// deploys them without installing the IdP's, the probe's or network-check's runtime dependencies. `../dist/` is the same folder
// seen from src/ (the tests) and from dist/ (the ESM and CommonJS builds, where tsup's shim gives import.meta.url).

/** Folder holding `@closed-ftp/idp-lambda`'s handler bundle `index.mjs` (handler `index.handler`). */
export const idpBundleDir: string = fileURLToPath(new URL('../dist/idp-bundle', import.meta.url));

/** Folder holding `@closed-ftp/ftp-probe`'s canary bundle `index.mjs` (handler `index.handler`). */
export const canaryBundleDir: string = fileURLToPath(new URL('../dist/canary-bundle', import.meta.url));

/** Folder holding `@closed-ftp/network-check`'s drift check bundle `index.mjs` (handler `index.handler`). */
export const driftBundleDir: string = fileURLToPath(new URL('../dist/drift-bundle', import.meta.url));
