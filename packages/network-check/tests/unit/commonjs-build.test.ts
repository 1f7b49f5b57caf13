// The CommonJS build (dist/*.cjs), as a `cdk init` app's ts-node or jest loads it, next to the ESM one.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The builds, not the sources; through a URL, so type-checking needs no build (the types are the sources').
const require = createRequire(import.meta.url);
const esm = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');
const esmCdk = (await import(new URL('../../dist/cdk.js', import.meta.url).href)) as typeof import('../../src/cdk.js');
const cjs = require('../../dist/index.cjs') as typeof esm;
const cjsCdk = require('../../dist/cdk.cjs') as typeof esmCdk;

describe('the CommonJS build', () => {
  it('exports what the ESM build exports, from every entry point', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(cjsCdk).sort()).toEqual(Object.keys(esmCdk).sort());
    expect(require('../../dist/catalog.cjs').RULES).toEqual(esm.RULES);
    expect(new cjsCdk.NetworkCheckPlugin().ruleIds).toEqual(new esmCdk.NetworkCheckPlugin().ruleIds);
  });

  it('reads a template, YAML included (a lazy require), as the ESM build does', () => {
    const yaml = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';
    expect(cjs.loadTemplateText(yaml, 'template.yaml')).toEqual(esm.loadTemplateText(yaml, 'template.yaml'));
  });

  it("throws errors the ESM build's isInstance recognises (the Symbol.for marker), though instanceof cannot", () => {
    let thrown: unknown;
    try {
      cjs.loadTemplateText('{ not a template', 'broken.json');
    } catch (error) {
      thrown = error;
    }
    expect(esm.NetworkCheckError.isInstance(thrown)).toBe(true);
    expect(thrown instanceof esm.NetworkCheckError).toBe(false);
  });
});
