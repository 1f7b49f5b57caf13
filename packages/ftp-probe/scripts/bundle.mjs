// Builds dist/bundle/ftp-probe.mjs: the CLI and every dependency in one ESM file, for hosts without npm access.
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outfile = new URL('../dist/bundle/ftp-probe.mjs', import.meta.url).pathname;

await build({
  entryPoints: [new URL('../src/cli/main.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  // Error classes are recognised by name (ProbeError.isInstance): the names must survive minifying.
  keepNames: true,
  legalComments: 'none',
  define: { FTP_PROBE_VERSION: JSON.stringify(pkg.version) },
  // The AWS SDK is CommonJS inside; give it a require for Node built-ins.
  banner: {
    js: "import { createRequire as __ftpProbeRequire } from 'node:module';\nconst require = __ftpProbeRequire(import.meta.url);",
  },
});
// Typed as a module with no exports: importing the bundle runs the CLI; resolve it to copy the file.
writeFileSync(outfile.replace(/\.mjs$/, '.d.mts'), 'export {};\n');
