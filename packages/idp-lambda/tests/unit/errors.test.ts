import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { IdpError } from '@closed-ftp/idp-core';
import { describe, expect, it } from 'vitest';
import * as errorModule from '../../src/errors.js';
import * as root from '../../src/index.js';

const distErrors = new URL('../../dist/errors.js', import.meta.url).href;
// A second copy of the package's errors, as a duplicated install would load it (a module URL of its own).
const copy = (await import(/* @vite-ignore */ `${distErrors}?copy=2`)) as typeof errorModule;
const original = (await import(/* @vite-ignore */ distErrors)) as typeof errorModule;

describe('errors', () => {
  it('every class is an IdpLambdaError, named after itself, takes a cause, and is exported from the root', () => {
    const exported: Record<string, unknown> = { ...root };
    const cause = new Error('underneath');
    const made = [
      ['IdpLambdaError', new errorModule.IdpLambdaError('x', { cause })],
      ['HandlerConfigError', new errorModule.HandlerConfigError('CACHE_TTL_SECONDS', 'must be a number', { cause })],
    ] as const;
    expect(made.map(([name]) => name).sort()).toEqual(Object.keys({ ...errorModule }).sort());
    for (const [name, error] of made) {
      expect(error.name).toBe(name);
      expect(error.cause).toBe(cause);
      expect(errorModule.IdpLambdaError.isInstance(error)).toBe(true);
      expect(exported[name]).toBe({ ...errorModule }[name]);
    }
    expect(made[1][1]).toMatchObject({ variable: 'CACHE_TTL_SECONDS', message: 'CACHE_TTL_SECONDS must be a number' });
  });

  it('works across a second copy of the package and for an object from another realm, where instanceof does not', () => {
    const fromCopy = new copy.HandlerConfigError('ALLOWED_SERVER_IDS', 'bad');
    expect(fromCopy).not.toBeInstanceOf(original.HandlerConfigError);
    expect(original.HandlerConfigError.isInstance(fromCopy)).toBe(true);
    expect(original.IdpLambdaError.isInstance(fromCopy)).toBe(true);
    expect(original.HandlerConfigError.isInstance(new copy.IdpLambdaError('base only'))).toBe(false);
    const foreign = runInNewContext(`
      const error = new Error('made elsewhere');
      error[Symbol.for('closed-ftp.idp-lambda.error')] = ['HandlerConfigError', 'IdpLambdaError'];
      error;
    `) as unknown;
    expect(foreign).not.toBeInstanceOf(Error);
    expect(errorModule.HandlerConfigError.isInstance(foreign)).toBe(true);
  });

  it("is a family of its own: idp-core's errors are not IdpLambdaErrors, nor the other way round", () => {
    expect(errorModule.IdpLambdaError.isInstance(new IdpError('x'))).toBe(false);
    expect(IdpError.isInstance(new errorModule.HandlerConfigError('X', 'y'))).toBe(false);
    for (const value of [new Error('x'), Object.assign(new Error('x'), { name: 'HandlerConfigError' }), null, {}]) {
      expect(errorModule.IdpLambdaError.isInstance(value)).toBe(false);
    }
  });

  it('the bundle keeps class names through minifying (keepNames), so errors and logs still name them', async () => {
    const bundle = await readFile(new URL('../../dist/bundle/index.mjs', import.meta.url), 'utf8');
    for (const name of ['HandlerConfigError', 'UserLookupTimeoutError', 'InvalidUserRecordError', 'IdpError']) {
      expect(bundle).toContain(`"${name}"`);
    }
  });
});
