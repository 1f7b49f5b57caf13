// The CommonJS build (dist/index.cjs), as a `cdk init` app's ts-node or jest loads it, next to the ESM one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';

// The builds, not the sources; through a URL, so type-checking needs no build (the types are the sources').
type Build = typeof import('../../src/index.js');
const esm = (await import(new URL('../../dist/index.js', import.meta.url).href)) as Build;
const cjs = createRequire(import.meta.url)('../../dist/index.cjs') as Build;
const temp = useTempDir('cdk-closed-ftp-cjs');
const idpLambdaRoot = join(createRequire(import.meta.url).resolve('@closed-ftp/idp-lambda/package.json'), '..');
const ftpProbeRoot = join(createRequire(import.meta.url).resolve('@closed-ftp/ftp-probe/package.json'), '..');

/** The staged code of the one Lambda function in `stack` whose description matches `description`. */
function stagedBundle(app: App, stack: Stack, description: RegExp): Buffer {
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  const fn = Object.values(functions).find((f) => description.test(String(f.Properties.Description)));
  if (!fn) throw new Error(`no function described ${description}`);
  return readFileSync(join(app.outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs'));
}

describe('the CommonJS build', () => {
  it('exports what the ESM build exports', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(cjs.DEFAULT_SECRET_NAME_TEMPLATE).toBe(esm.DEFAULT_SECRET_NAME_TEMPLATE);
  });

  it("throws errors the ESM build's isInstance recognises (the Symbol.for marker), though instanceof cannot", () => {
    const app = new App({ outdir: join(temp.path, 'errors') });
    let thrown: unknown;
    try {
      new cjs.IdentityProviderFunction(new Stack(app, 'Idp'), 'Fn', { secretNameTemplate: 'users/{user}' });
    } catch (error) {
      thrown = error;
    }
    expect(esm.InvalidPropError.isInstance(thrown)).toBe(true);
    expect(esm.ClosedFtpError.isInstance(thrown)).toBe(true);
    expect(thrown instanceof esm.InvalidPropError).toBe(false);
    expect(cjs.InvalidPropError.isInstance(new esm.InvalidPropError('prop', 'from the ESM build.'))).toBe(true);
  });

  it('deploys the IdP and canary bundles copied into its own dist/', () => {
    const app = new App({ outdir: join(temp.path, 'bundles') });
    const stack = new Stack(app, 'Ftp');
    const server = new cjs.ClosedFtpServer(stack, 'Server', { vpc: new cjs.ClosedVpc(stack, 'Vpc') });
    new cjs.FtpCanary(stack, 'Canary', {
      server,
      user: server.addUser('canary1'),
      vpc: server.vpc,
      addSecretsManagerEndpoint: true,
    });
    expect(stagedBundle(app, stack, /identity provider/)).toEqual(
      readFileSync(join(idpLambdaRoot, 'dist/bundle/index.mjs')),
    );
    expect(stagedBundle(app, stack, /FTP canary/)).toEqual(
      readFileSync(join(ftpProbeRoot, 'dist/canary-bundle/index.mjs')),
    );
  });
});
