// Builds the two one-file bundles: dist/bundle/ftp-probe.mjs (the CLI, for hosts without npm) and
// dist/canary-bundle/index.mjs (the canary Lambda handler, `index.handler`); then rebuilds the few library modules
// that use the AWS SDK or Powertools with them inlined (dist/vendor/), so the package depends on neither.
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';
import { writeThirdPartyNotices } from '../../../scripts/third-party-notices.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const path = (relative) => new URL(relative, import.meta.url).pathname;

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  minify: true,
  // Error classes are recognised by name (ProbeError.isInstance), and the diagnosis reads them: keep the names.
  keepNames: true,
  legalComments: 'none',
  metafile: true,
  define: { FTP_PROBE_VERSION: JSON.stringify(pkg.version) },
  // The AWS SDK and Powertools have CommonJS inside; give them a require for Node built-ins.
  banner: {
    js: "import { createRequire as __ftpProbeRequire } from 'node:module';\nconst require = __ftpProbeRequire(import.meta.url);",
  },
};

/** The canary never runs the IdP test: leave TestIdentityProvider (and the Transfer client) out of its bundle. */
const withoutIdpTest = {
  name: 'without-idp-test',
  setup(builder) {
    builder.onResolve({ filter: /[/\\]idp[/\\]test-identity-provider\.js$/ }, () => ({
      path: 'test-identity-provider',
      namespace: 'without-idp-test',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'without-idp-test' }, () => ({
      contents:
        "export async function testIdentityProvider() { throw new Error('the canary bundle has no TestIdentityProvider: use the package or the CLI bundle'); }",
      loader: 'js',
    }));
  },
};

/**
 * Lambda hands a function its role's credentials in the environment: give the canary's SDK client only that source.
 * The default chain (SSO, STS web identity, ini files, processes, IMDS, each with its own nested clients) is about
 * 140 KB of the bundle the canary never runs, and compiling it was half of the cold import.
 */
const lambdaCredentialsOnly = {
  name: 'lambda-credentials-only',
  setup(builder) {
    builder.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, async (args) => {
      if (args.pluginData === 'real chain') return undefined;
      const chain = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'real chain',
      });
      if (chain.errors.length > 0) return { errors: chain.errors };
      return { path: chain.path, namespace: 'lambda-credentials-only' };
    });
    builder.onLoad({ filter: /.*/, namespace: 'lambda-credentials-only' }, (args) => ({
      contents: "export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';",
      loader: 'js',
      // Resolved where the real chain lives: credential-provider-env is its dependency.
      resolveDir: dirname(args.path),
    }));
  },
};

const outputs = [
  await build({
    ...common,
    entryPoints: [path('../src/cli/main.ts')],
    outfile: path('../dist/bundle/ftp-probe.mjs'),
    target: 'node20',
  }),
  await build({
    ...common,
    entryPoints: [path('../src/canary/index.ts')],
    outfile: path('../dist/canary-bundle/index.mjs'),
    // Lambda's nodejs24.x, the runtime FtpCanary deploys.
    target: 'node24',
    // ESM builds first: they tree-shake (the SDK's CommonJS builds do not).
    mainFields: ['module', 'main'],
    plugins: [withoutIdpTest, lambdaCredentialsOnly],
  }),
];
/** The package's own modules stay imports (one copy of each, error classes included); only packages are inlined. */
const ownModulesExternal = {
  name: 'own-modules-external',
  setup(builder) {
    const src = path('../src/');
    builder.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.importer.startsWith(src) && args.kind !== 'entry-point' ? { path: args.path, external: true } : undefined,
    );
  },
};

const vendoredModules = ['idp/test-identity-provider', 'canary/handler', 'canary/metrics', 'canary/password'];
const vendored = await build({
  ...common,
  entryPoints: vendoredModules.map((module) => path(`../src/${module}.ts`)),
  outdir: path('../dist'),
  outbase: path('../src'),
  // One copy of the SDK shared by the modules, in chunks; the Secrets Manager client still loads on first use.
  splitting: true,
  chunkNames: 'vendor/[name]-[hash]',
  minify: false,
  target: 'node20',
  mainFields: ['module', 'main'],
  plugins: [ownModulesExternal],
});
// tsc's maps describe the modules esbuild replaced: drop them rather than ship maps that lie.
for (const module of vendoredModules) rmSync(path(`../dist/${module}.js.map`), { force: true });
outputs.push(vendored);

for (const [result, folder] of [
  [outputs[0], 'bundle'],
  [outputs[1], 'canary-bundle'],
  [outputs[2], 'vendor'],
]) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`bundle: ${file.replace(/^.*\/dist\//, 'dist/')} ${(output.bytes / 1000).toFixed(0)} KB`);
  }
  const count = writeThirdPartyNotices(
    result.metafile,
    path(`../dist/${folder}/THIRD-PARTY-NOTICES.txt`),
    `@closed-ftp/ftp-probe dist/${folder}`,
  );
  console.log(`bundle: dist/${folder}/THIRD-PARTY-NOTICES.txt (${count} packages)`);
}
