// One page per network-check rule, from its catalog, and what each rule reads with a fix in CDK, from the details
// network-check keeps beside its rules (scripts/write-rule-docs.mjs, RULE_DETAILS) until the catalog holds them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '@closed-ftp/network-check/catalog';
import { cell, documentedBins, documentedPackages, generatedNotice, plainText, runBin } from './workspace.mjs';

/** `{ [id]: { reads, example } }` from network-check's repository folder, or `{}` once it has none there. */
async function ruleDetails() {
  const pkg = documentedPackages().find((entry) => entry.name === '@closed-ftp/network-check');
  const script = join(pkg.dir, 'scripts', 'write-rule-docs.mjs');
  if (!existsSync(script)) return {};
  return (await import(pathToFileURL(script).href)).RULE_DETAILS ?? {};
}

/** Severity per profile, as `network-check explain` states it (the profiles live in network-check, not its catalog). */
async function severities(id) {
  const bin = documentedBins().find((entry) => entry.bin === 'network-check');
  const { stdout } = await runBin(bin.path, ['explain', id]);
  const line = stdout.split('\n').find((text) => text.startsWith('severity:'));
  if (line === undefined)
    throw new Error(
      `network-check explain ${id} printed no "severity:" line; update docs/scripts/generators/rules.mjs`,
    );
  return line.slice('severity:'.length).trim();
}

function rulePage(id, rule, severity, details = {}) {
  const reads = rule.reads ?? details.reads;
  const example = rule.example ?? details.example;
  if (reads === undefined || example === undefined) {
    throw new Error(
      `rule ${id} has no "reads" or "example": add them to the catalog or to RULE_DETAILS in packages/network-check/scripts/write-rule-docs.mjs`,
    );
  }
  return `${generatedNotice('@closed-ftp/network-check/catalog')}
# ${id}: ${plainText(rule.title)}

Severity: **${severity}**.

## Why

${plainText(rule.summary)}

## What network-check reads

${plainText(reads)}

## Fix

${plainText(rule.remediation)}

\`\`\`ts
${example}
\`\`\`

See it from the command line: \`network-check explain ${id}\`. All rules: [rule index](./). How the severities
and profiles work: [network-check](../packages/network-check).
`;
}

export async function generateRules() {
  const ids = Object.keys(RULES);
  const details = await ruleDetails();
  const levels = await Promise.all(ids.map(severities));
  const files = new Map();
  for (const [index, id] of ids.entries())
    files.set(`rules/${id}.md`, rulePage(id, RULES[id], levels[index], details[id]));
  const rows = ids.map(
    (id, index) => `| [${id}](./${id}) | ${cell(plainText(RULES[id].title))} | ${cell(levels[index])} |`,
  );
  files.set(
    'rules/index.md',
    `${generatedNotice('@closed-ftp/network-check/catalog')}
# Rules

network-check predicts from configuration and ftp-probe observes from a client; both name what they find with these
ids. Ids are stable: a retired id stays reserved. Every finding links to its page here.

| id | title | severity |
| --- | --- | --- |
${rows.join('\n')}
`,
  );
  return files;
}
