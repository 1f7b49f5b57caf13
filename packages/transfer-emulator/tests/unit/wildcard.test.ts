import { IAM_WILDCARD_CASES } from '@closed-ftp/test-support/fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesWildcard } from '../../src/identity/wildcard.js';
import { openControl } from '../support/raw-control.js';
import { ROLE, startTestEmulator } from '../support/test-emulator.js';

/** The obvious regex translation: right on short inputs, exponential on long ones, so only a reference here. */
function reference(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

describe('IAM wildcard matching', () => {
  it.each(IAM_WILDCARD_CASES)('$pattern ~ $value (ignoreCase $ignoreCase) = $matches', (c) => {
    expect(matchesWildcard(c.pattern, c.value, c.ignoreCase ?? false)).toBe(c.matches);
  });

  it('agrees with the regex translation on short patterns and values', () => {
    const text = (max: number) =>
      fc.string({ unit: fc.constantFrom('a', 'b', 'A', '/', '*', '?', '.'), maxLength: max });
    fc.assert(
      fc.property(text(8), text(12), fc.boolean(), (pattern, value, ignoreCase) => {
        expect(matchesWildcard(pattern, value, ignoreCase)).toBe(reference(pattern, value, ignoreCase));
      }),
      { numRuns: 3000 },
    );
  });

  it('costs microseconds, not seconds, for a 4 KB path against a Deny on bucket/*/*/*.exe', () => {
    const value = `arn:aws:s3:::bucket/${'a/'.repeat(2_000)}x.txt`;
    const started = performance.now();
    for (let i = 0; i < 100; i++) expect(matchesWildcard('arn:aws:s3:::bucket/*/*/*.exe', value)).toBe(false);
    // 100 calls; the regex this replaced needed seconds for one.
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('keeps every session answering while one sends a 4 KB DELE path under such a Deny', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*/*/*.exe' },
      ],
    });
    await using emulator = await startTestEmulator({
      idp: async () => ({ Role: ROLE, HomeDirectory: '/bucket/home/alice', Policy: policy }),
    });
    const attacker = await openControl(emulator.host, emulator.port);
    const other = await openControl(emulator.host, emulator.port);
    try {
      expect((await attacker.login('alice', 'wonderland')).code).toBe(230);
      expect((await other.login('alice', 'wonderland')).code).toBe(230);
      const started = performance.now();
      expect((await attacker.send(`DELE ${'a/'.repeat(2_000)}x.txt`)).code).toBe(550);
      expect((await other.send('NOOP')).code).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      attacker.close();
      other.close();
    }
  });
});
