// The CommonJS build (dist/*.cjs), as a CommonJS app's ts-node or jest loads it, next to the ESM one.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The builds, not the sources; through a URL, so type-checking needs no build (the types are the sources').
const require = createRequire(import.meta.url);
const esm = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');
const esmCanary = (await import(
  new URL('../../dist/canary/index.js', import.meta.url).href
)) as typeof import('../../src/canary/index.js');
const cjs = require('../../dist/index.cjs') as typeof esm;
const cjsCanary = require('../../dist/canary/index.cjs') as typeof esmCanary;

describe('the CommonJS build', () => {
  it('exports what the ESM build exports, from every entry point', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(cjsCanary).sort()).toEqual(Object.keys(esmCanary).sort());
    expect(cjs.parseTarget('ftps://alice@vpce-0abc.example:21')).toEqual(
      esm.parseTarget('ftps://alice@vpce-0abc.example:21'),
    );
  });

  it('names the canary bundle and the CLI bundle as the ESM build does (import.meta.url shimmed)', () => {
    expect(cjs.canaryBundleDir).toBe(esm.canaryBundleDir);
    expect(cjs.cliBundleFile).toBe(esm.cliBundleFile);
  });

  it("throws errors the ESM build's isInstance recognises (the Symbol.for marker), though instanceof cannot", () => {
    let thrown: unknown;
    try {
      cjsCanary.readCanaryConfig({});
    } catch (error) {
      thrown = error;
    }
    expect(esm.CanaryConfigError.isInstance(thrown)).toBe(true);
    expect(esm.ProbeError.isInstance(thrown)).toBe(true);
    expect(thrown instanceof esm.CanaryConfigError).toBe(false);
  });
});
