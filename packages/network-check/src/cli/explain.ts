import { RULES, type RuleId, ruleDocsUrl } from '../catalog.js';
import { UsageError } from '../errors.js';
import { severityOf } from '../profiles.js';

/** `network-check explain <rule>`: what the rule checks, why, and the fix. */
export function explainRule(id: string | undefined): string {
  const key = id?.toUpperCase() as RuleId | undefined;
  if (key === undefined || !(key in RULES)) {
    throw new UsageError(
      `${id === undefined ? 'explain needs a rule id' : `Unknown rule ${JSON.stringify(id)}`}; rule ids are ${Object.keys(RULES)[0]} to ${Object.keys(RULES).at(-1)}.`,
    );
  }
  const rule = RULES[key];
  return [
    `${key}: ${rule.title}`,
    `severity: ${severityOf(key, 'closed')} (profile closed), ${severityOf(key, 'connected')} (profile connected)`,
    '',
    rule.summary,
    '',
    `Fix: ${rule.remediation}`,
    `Docs: ${ruleDocsUrl(key)}`,
    '',
  ].join('\n');
}
