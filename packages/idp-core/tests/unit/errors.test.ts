import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as errorModule from '../../src/errors.js';
import * as root from '../../src/index.js';

type ErrorClass = new (...args: never[]) => Error;
const classes = Object.entries({ ...errorModule }) as [string, ErrorClass & typeof errorModule.IdpError][];

/** Makes one of each class, whatever its constructor's leading arguments. */
function make(name: string, Class: ErrorClass, cause?: unknown): Error {
  const Any = Class as unknown as new (...args: unknown[]) => Error;
  const options = cause === undefined ? undefined : { cause };
  if (name === 'InvalidUserRecordError') return new Any('Role', 'is required', options);
  if (name === 'SecretNameTemplateError') return new Any('ftp/{server}/{username}', 'uses {server}', options);
  if (name === 'UserStoreFileError') return new Any('/tmp/users.json', 'cannot read', options);
  return new Any('what went wrong', options);
}

// A second copy of the package's errors, as a duplicated install would load it (a module URL of its own).
const distErrors = new URL('../../dist/errors.js', import.meta.url).href;
const copy = (await import(/* @vite-ignore */ `${distErrors}?copy=2`)) as typeof errorModule;
const original = (await import(/* @vite-ignore */ distErrors)) as typeof errorModule;

describe('errors', () => {
  it('every class is an IdpError, named after itself, takes a cause, and is exported from the package root', () => {
    const exported: Record<string, unknown> = { ...root };
    expect(classes.length).toBeGreaterThanOrEqual(15);
    for (const [name, Class] of classes) {
      const cause = new Error('underneath');
      const error = make(name, Class, cause);
      expect(error, name).toBeInstanceOf(errorModule.IdpError);
      expect(error.name, name).toBe(name);
      expect(error.cause, name).toBe(cause);
      expect(error.stack, name).toContain(name);
      expect(exported[name], `${name} exported from the root`).toBe(Class);
      expect(Class.isInstance(error), name).toBe(true);
      expect(errorModule.IdpError.isInstance(error), name).toBe(true);
    }
  });

  it('isInstance knows families: a subclass is its base, a sibling is not', () => {
    const timeout = new errorModule.UserLookupTimeoutError('slow');
    expect(errorModule.UserLookupError.isInstance(timeout)).toBe(true);
    expect(errorModule.UserLookupThrottledError.isInstance(timeout)).toBe(false);
    expect(errorModule.UserLookupTimeoutError.isInstance(new errorModule.UserLookupError('x'))).toBe(false);
    const template = new errorModule.SecretNameTemplateError('t', 'bad');
    expect(errorModule.IdpConfigurationError.isInstance(template)).toBe(true);
    expect(errorModule.UserSecretError.isInstance(template)).toBe(false);
    expect(errorModule.UserSecretError.isInstance(new errorModule.UserSecretRoleMissingError('x'))).toBe(true);
  });

  it('isInstance is false for anything else: plain errors, look-alikes by name, non-objects, other packages', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'UserLookupError' });
    const otherPackage = Object.assign(new Error('x'), {
      [Symbol.for('closed-ftp.idp-lambda.error')]: ['UserLookupError', 'IdpError'],
    });
    const badMarker = Object.assign(new Error('x'), { [Symbol.for('closed-ftp.idp-core.error')]: 'IdpError' });
    for (const value of [lookalike, otherPackage, badMarker, new Error('x'), null, undefined, 'IdpError', 42, {}]) {
      expect(errorModule.IdpError.isInstance(value)).toBe(false);
      expect(errorModule.UserLookupError.isInstance(value)).toBe(false);
    }
  });

  it('works across a second copy of the package, where instanceof does not', () => {
    expect(copy.IdpError).not.toBe(original.IdpError);
    const fromCopy = new copy.UserLookupTimeoutError('slow', { cause: new Error('aborted') });
    expect(fromCopy).not.toBeInstanceOf(original.UserLookupTimeoutError);
    expect(fromCopy).not.toBeInstanceOf(original.IdpError);
    expect(original.UserLookupTimeoutError.isInstance(fromCopy)).toBe(true);
    expect(original.UserLookupError.isInstance(fromCopy)).toBe(true);
    expect(original.IdpError.isInstance(fromCopy)).toBe(true);
    expect(original.UserLookupThrottledError.isInstance(fromCopy)).toBe(false);
    const fromOriginal = new original.SecretNameTemplateError('ftp/{server}/{username}', 'uses {server}');
    expect(fromOriginal).not.toBeInstanceOf(copy.IdpConfigurationError);
    expect(copy.IdpConfigurationError.isInstance(fromOriginal)).toBe(true);
    expect(copy.SecretNameTemplateError.isInstance(fromOriginal)).toBe(true);
    // The source and the built copy agree too (tests throw the source's, users catch the built one's).
    expect(original.InvalidUserRecordError.isInstance(new errorModule.InvalidUserRecordError('Role', 'x'))).toBe(true);
  });

  it('works for an error made in another realm (vm context), where instanceof does not', () => {
    const foreign = runInNewContext(`
      const error = new Error('made elsewhere');
      error[Symbol.for('closed-ftp.idp-core.error')] = ['UserLookupThrottledError', 'UserLookupError', 'IdpError'];
      error;
    `) as unknown;
    expect(foreign).not.toBeInstanceOf(Error);
    expect(errorModule.UserLookupThrottledError.isInstance(foreign)).toBe(true);
    expect(errorModule.IdpError.isInstance(foreign)).toBe(true);
    expect(errorModule.UserLookupTimeoutError.isInstance(foreign)).toBe(false);
  });

  it('keeps the fields the messages refer to: the key, the template, the path (never a secret value)', () => {
    const record = new errorModule.InvalidUserRecordError('FTPPasswordHash', 'is not a PHC string');
    expect(record).toMatchObject({ key: 'FTPPasswordHash', message: 'FTPPasswordHash: is not a PHC string' });
    expect(new errorModule.SecretNameTemplateError('x/{u}', 'm').template).toBe('x/{u}');
    expect(new errorModule.UserStoreFileError('/a/users.json', 'm').path).toBe('/a/users.json');
  });
});
