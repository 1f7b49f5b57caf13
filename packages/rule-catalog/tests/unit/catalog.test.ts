import { describe, expect, it } from 'vitest';
import { DOCS_BASE_URL, RULES, ruleDocsUrl } from '../../src/index.js';

describe('the rule catalog', () => {
  it('numbers its rules CFTP-NET-001 upwards with no gaps, so an id never silently changes meaning', () => {
    const ids = Object.keys(RULES);
    expect(ids).toEqual(ids.map((_, i) => `CFTP-NET-${String(i + 1).padStart(3, '0')}`));
  });

  it('gives every rule a title, a known severity, a symptom and a fix', () => {
    for (const [id, rule] of Object.entries(RULES)) {
      expect(rule.title.length, id).toBeGreaterThan(10);
      expect(['error', 'warning', 'info'], id).toContain(rule.severity);
      expect(rule.summary.length, id).toBeGreaterThan(40);
      expect(rule.remediation.length, id).toBeGreaterThan(20);
    }
  });

  it('links each rule to its page under the one docs URL', () => {
    expect(DOCS_BASE_URL).toMatch(/^https:\/\/.+\/$/);
    expect(ruleDocsUrl('CFTP-NET-012')).toBe(`${DOCS_BASE_URL}rules/CFTP-NET-012`);
  });
});
