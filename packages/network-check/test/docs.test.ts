import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRulePage } from '../scripts/write-rule-docs.mjs';
import { RULES, type RuleId, ruleDocsUrl } from '../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('rule documentation', () => {
  for (const id of Object.keys(RULES) as RuleId[]) {
    it(`${id} has a page that matches the catalog (regenerate with \`pnpm run docs\`)`, () => {
      const page = join(ROOT, 'docs', 'rules', `${id}.md`);
      expect(existsSync(page)).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text).toContain(`# ${id}: ${RULES[id].title}`);
      expect(text).toContain(RULES[id].summary);
      expect(text).toContain(RULES[id].remediation);
      expect(text).toBe(renderRulePage(id));
      expect(ruleDocsUrl(id).endsWith(`docs/rules/${id}.md`)).toBe(true);
    });
  }

  it('the package guide lists every rule', () => {
    const guide = readFileSync(join(ROOT, 'docs', 'network-check.md'), 'utf8');
    for (const id of Object.keys(RULES)) expect(guide).toContain(`[${id}](rules/${id}.md)`);
  });
});
