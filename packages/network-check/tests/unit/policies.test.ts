import { IAM_WILDCARD_CASES } from '@closed-ftp/test-support/fixtures';
import { describe, expect, it } from 'vitest';
import { matchesWildcard } from '../../src/analysis/policies.js';

describe('matchesWildcard (IAM * and ?)', () => {
  for (const { pattern, value, ignoreCase, matches } of IAM_WILDCARD_CASES) {
    const shown = value.length > 40 ? `${value.slice(0, 20)}...(${value.length} characters)` : value;
    it(`${JSON.stringify(pattern)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(shown)}${ignoreCase ? ' (ignoring case)' : ''}`, () => {
      expect(matchesWildcard(pattern, value, ignoreCase)).toBe(matches);
    });
  }

  it('takes time linear in the value: no pattern makes it backtrack', () => {
    // A backtracking matcher (a regular expression of .*) needs seconds to minutes for these.
    const hostile: [string, string][] = [
      [`${'a*'.repeat(30)}b`, 'a'.repeat(20_000)],
      [`*${'?*'.repeat(30)}b`, 'a'.repeat(20_000)],
      [`${'*a'.repeat(50)}*c`, `${'a'.repeat(20_000)}b`],
    ];
    const started = performance.now();
    for (const [pattern, value] of hostile) expect(matchesWildcard(pattern, value)).toBe(false);
    const small = performance.now() - started;
    // Twice the value: about twice the time (generous bound for a busy machine), not four times or more.
    const again = performance.now();
    for (const [pattern, value] of hostile) expect(matchesWildcard(pattern, value + value)).toBe(false);
    const large = performance.now() - again;
    expect(small).toBeLessThan(1_000);
    expect(large).toBeLessThan(Math.max(small * 6, 200));
  });
});
