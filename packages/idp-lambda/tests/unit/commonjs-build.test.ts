// The CommonJS build (dist/*.cjs), as a CommonJS app's ts-node or jest loads it, next to the ESM one.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The builds, not the sources; through a URL, so type-checking needs no build (the types are the sources').
const require = createRequire(import.meta.url);
const esm = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');
const esmFacts = (await import(
  new URL('../../dist/facts.js', import.meta.url).href
)) as typeof import('../../src/facts.js');
const cjs = require('../../dist/index.cjs') as typeof esm;
const cjsFacts = require('../../dist/facts.cjs') as typeof esmFacts;

describe('the CommonJS build', () => {
  it('exports what the ESM build exports, from every entry point', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(Object.keys(cjsFacts).sort()).toEqual(Object.keys(esmFacts).sort());
    expect(cjs.readHandlerConfig({})).toEqual(esm.readHandlerConfig({}));
  });

  it("names the handler bundle's folder as the ESM build does (import.meta.url shimmed)", () => {
    expect(cjs.handlerBundleDir).toBe(esm.handlerBundleDir);
  });

  it("throws errors the ESM build's isInstance recognises (the Symbol.for marker), though instanceof cannot", () => {
    let thrown: unknown;
    try {
      cjs.readHandlerConfig({ SECRET_NAME_TEMPLATE: 'no-placeholder' });
    } catch (error) {
      thrown = error;
    }
    expect(esm.HandlerConfigError.isInstance(thrown)).toBe(true);
    expect(esm.IdpLambdaError.isInstance(thrown)).toBe(true);
    expect(thrown instanceof esm.HandlerConfigError).toBe(false);
  });
});
