// Bundles the handler, AWS SDK included (pinned, not the runtime's copy), to one minified ESM file for Lambda.
import { build } from 'esbuild';
import { writeThirdPartyNotices } from '../../../scripts/third-party-notices.mjs';

const result = await build({
  entryPoints: [new URL('../src/handler.ts', import.meta.url).pathname],
  outfile: new URL('../dist/bundle/index.mjs', import.meta.url).pathname,
  bundle: true,
  minify: true,
  // Error classes are recognised by name (`isInstance`), and logs name them: keep names through minifying.
  keepNames: true,
  platform: 'node',
  // Lambda's nodejs24.x, the runtime IdentityProviderFunction deploys (and the only one it accepts).
  target: 'node24',
  format: 'esm',
  // ESM builds first: they tree-shake (the SDK's CommonJS builds do not), which cuts the bundle by a quarter.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  metafile: true,
  // Some CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`bundle: dist/bundle/index.mjs ${(bytes / 1024).toFixed(0)} KiB`);
const notices = new URL('../dist/bundle/THIRD-PARTY-NOTICES.txt', import.meta.url).pathname;
const count = writeThirdPartyNotices(result.metafile, notices, '@closed-ftp/idp-lambda dist/bundle/index.mjs');
console.log(`bundle: dist/bundle/THIRD-PARTY-NOTICES.txt (${count} packages)`);
