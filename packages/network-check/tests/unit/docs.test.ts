import { describe, expect, it } from 'vitest';
import { RULE_DETAILS, renderRulePage } from '../../scripts/write-rule-docs.mjs';
import { DOCS_BASE_URL, PACKAGE_DOCS_URL, RULES, type RuleId, ruleDocsUrl } from '../../src/catalog.js';

describe('rule documentation', () => {
  it('every link starts at the one DOCS_BASE_URL', () => {
    expect(DOCS_BASE_URL).toBe('https://closed-ftp.github.io/closed-ftp/');
    expect(PACKAGE_DOCS_URL).toBe(`${DOCS_BASE_URL}packages/network-check`);
  });

  for (const id of Object.keys(RULES) as RuleId[]) {
    it(`${id} has its page: catalog text, what it reads, a fix, at ${DOCS_BASE_URL}rules/${id}`, () => {
      expect(ruleDocsUrl(id)).toBe(`${DOCS_BASE_URL}rules/${id}`);
      const page = renderRulePage(id);
      expect(page).toContain(`# ${id}: ${RULES[id].title}`);
      expect(page).toContain(RULES[id].summary);
      expect(page).toContain(RULES[id].remediation);
      expect(page).toContain(RULE_DETAILS[id]!.reads);
      expect(page).toContain(RULE_DETAILS[id]!.example);
    });
  }

  it('has details for exactly the rules in the catalog', () => {
    expect(Object.keys(RULE_DETAILS).sort()).toEqual(Object.keys(RULES).sort());
  });
});
