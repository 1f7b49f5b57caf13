// Builds the drift check's one-file Lambda bundle: dist/drift-bundle/index.mjs (`index.handler`), which
// @closed-ftp/cdk-closed-ftp's NetworkDriftCheck deploys. The AWS SDK clients and Powertools Metrics are inside.
import { build } from 'esbuild';
import { writeThirdPartyNotices } from '../../../scripts/third-party-notices.mjs';

const path = (relative) => new URL(relative, import.meta.url).pathname;

const result = await build({
  entryPoints: [path('../src/drift/index.ts')],
  outfile: path('../dist/drift-bundle/index.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24', // the construct deploys it on nodejs24.x, like the IdP and the canary
  minify: true,
  // Errors are recognised by name (NetworkCheckError.isInstance): keep the names.
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  // ESM builds first: they tree-shake (the SDK's CommonJS builds do not).
  mainFields: ['module', 'main'],
  // The AWS SDK and Powertools have CommonJS inside; give them a require for Node built-ins.
  banner: {
    js: "import { createRequire as __driftRequire } from 'node:module';\nconst require = __driftRequire(import.meta.url);",
  },
});
const notices = path('../dist/drift-bundle/THIRD-PARTY-NOTICES.txt');
const count = writeThirdPartyNotices(result.metafile, notices, '@closed-ftp/network-check dist/drift-bundle/index.mjs');
console.log(`bundle: dist/drift-bundle/THIRD-PARTY-NOTICES.txt (${count} packages)`);
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  console.log(`bundle: ${file.replace(/^.*\/dist\//, 'dist/')} ${(output.bytes / 1000).toFixed(0)} KB`);
}
