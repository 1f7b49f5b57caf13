import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import { ProbeError } from '../../src/index.js';

const reply = { code: 500, lines: ['500 no'] };
/** One instance of every error class the package exports, built with a cause. */
const cause = new Error('the cause');
const instances: Record<string, Error> = {
  ProbeError: new root.ProbeError('m', { cause }),
  TargetError: new root.TargetError('m', 'user', { cause }),
  ProbeOptionsError: new root.ProbeOptionsError('m', 'timeoutMs', { cause }),
  UsageError: new root.UsageError('m', { cause }),
  DeadlineError: new root.DeadlineError('reply to PASS', 100, { cause }),
  ConnectionClosedError: new root.ConnectionClosedError('m', { cause }),
  MalformedReplyError: new root.MalformedReplyError('SSH-2.0', { cause }),
  UnexpectedReplyError: new root.UnexpectedReplyError('PWD', reply, { cause }),
  CertificateRejectedError: new root.CertificateRejectedError('SELF_SIGNED', 'host', { cause }),
  ChecksumMismatchError: new root.ChecksumMismatchError('m', { cause }),
  IdentityProviderDeniedError: new root.IdentityProviderDeniedError('m', { cause }),
  CanaryConfigError: new root.CanaryConfigError('m', 'FTP_HOST', { cause }),
  CanarySecretError: new root.CanarySecretError('m', { cause }),
};
const exportedErrors = Object.entries(root).filter(
  ([, value]) => typeof value === 'function' && (value === ProbeError || value.prototype instanceof ProbeError),
);

describe('errors', () => {
  it('every error class is exported from the root and covered here', () => {
    expect(exportedErrors.map(([name]) => name).sort()).toEqual(Object.keys(instances).sort());
  });

  it.each(Object.entries(instances))('%s: its name, the cause passed on, recognised by isInstance', (name, error) => {
    expect(error.name).toBe(name);
    expect(error.cause).toBe(cause);
    expect(ProbeError.isInstance(error)).toBe(true);
    const type = (root as unknown as Record<string, typeof ProbeError>)[name]!;
    expect(type.isInstance(error)).toBe(true);
    // A sibling is not recognised as another class.
    for (const [other, otherError] of Object.entries(instances)) {
      if (other !== name && other !== 'ProbeError') expect(type.isInstance(otherError)).toBe(name === 'ProbeError');
    }
  });

  it('recognises errors from another copy of the package (the built dist), where instanceof does not', async () => {
    const copy = (await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url)))) as typeof root;
    const foreign = new copy.DeadlineError('reply to PWD', 5);
    expect(foreign instanceof root.DeadlineError).toBe(false);
    expect(root.DeadlineError.isInstance(foreign)).toBe(true);
    expect(root.ProbeError.isInstance(foreign)).toBe(true);
    expect(root.TargetError.isInstance(foreign)).toBe(false);
  });

  it('isInstance is false for plain errors, look-alikes and non-objects', () => {
    for (const value of [new Error('x'), { name: 'ProbeError' }, null, undefined, 'ProbeError', 42]) {
      expect(ProbeError.isInstance(value)).toBe(false);
    }
  });

  it('messages name the fix; a deadline that had run out says to raise --timeout', () => {
    expect(new root.DeadlineError('reply to PASS', 0).message).toContain('raise --timeout');
    expect(new root.CertificateRejectedError('SELF_SIGNED', 'h').message).toMatch(/--ca <file>.*--insecure/);
  });
});
