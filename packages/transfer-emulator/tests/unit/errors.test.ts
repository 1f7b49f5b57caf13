import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';
import * as root from '../../src/index.js';

describe('errors', () => {
  const classes = Object.entries(errors).filter(([, value]) => typeof value === 'function');

  it('exports every error class from the package root', () => {
    const exported = new Map(Object.entries(root));
    for (const [name, type] of classes) expect(exported.get(name), name).toBe(type);
  });

  it('gives each class its name, a cause, and a marker that isInstance reads across copies', () => {
    const cause = new Error('underneath');
    const error = new errors.FolderNotEmptyError('docs is not empty', { cause });
    expect(error.name).toBe('FolderNotEmptyError');
    expect(error.cause).toBe(cause);
    expect(errors.FolderNotEmptyError.isInstance(error)).toBe(true);
    expect(errors.StorageOperationError.isInstance(error)).toBe(true);
    expect(errors.EmulatorError.isInstance(error)).toBe(true);
    expect(errors.StorageNotFoundError.isInstance(error)).toBe(false);
    // What another copy of the package would throw: same marker symbol, different classes.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('closed-ftp.transfer-emulator.error')]: ['PortInUseError', 'EmulatorError'],
    });
    expect(errors.PortInUseError.isInstance(foreign)).toBe(true);
    expect(errors.EmulatorOptionError.isInstance(foreign)).toBe(false);
    expect(errors.EmulatorError.isInstance(new Error('plain'))).toBe(false);
    expect(errors.EmulatorError.isInstance(undefined)).toBe(false);
  });

  it('passes cause on from every class', () => {
    const cause = new Error('underneath');
    for (const [name, type] of classes) {
      const Type = type as new (...args: unknown[]) => Error;
      const error =
        name === 'EmulatorOptionError'
          ? new Type('--port', 'bad', { cause })
          : name === 'PortInUseError'
            ? new Type(21, '127.0.0.1', { cause })
            : new Type('message', { cause });
      expect(error.cause, name).toBe(cause);
      expect(errors.EmulatorError.isInstance(error), name).toBe(true);
    }
  });
});
