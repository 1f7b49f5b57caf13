// The causes ftp-probe names that no network-check rule covers, from its PROBE_CAUSES records.
import * as probe from '@closed-ftp/ftp-probe';
import { PROBE_CAUSE_TEXTS } from '../data/probe-causes.mjs';
import { generatedNotice, plainText } from './workspace.mjs';

/** A cause's section: when the probe names it and the fix from ftp-probe itself, then the background from the docs. */
function causeSection(id, cause) {
  const background = PROBE_CAUSE_TEXTS[id];
  const when = (cause.appliesWhen ?? []).map((text) => `- ${plainText(text)}`);
  const parts = [`## ${id}`, '', `**${plainText(cause.title)}** (${cause.severity}).`];
  if (when.length > 0) parts.push('', 'The probe names it when:', '', ...when);
  if (cause.remediation) parts.push('', `**Fix:** ${plainText(cause.remediation)}`);
  if (background) parts.push('', plainText(background));
  return `${parts.join('\n')}\n`;
}

export async function generateProbeCauses() {
  const causes = probe.PROBE_CAUSES;
  const missing = Object.entries(causes)
    .filter(([id, cause]) => !cause.remediation && PROBE_CAUSE_TEXTS[id] === undefined)
    .map(([id]) => id);
  const stale = Object.keys(PROBE_CAUSE_TEXTS).filter((id) => !(id in causes));
  if (missing.length > 0)
    throw new Error(`add the meaning of ${missing.join(', ')} to docs/scripts/data/probe-causes.mjs`);
  if (stale.length > 0)
    throw new Error(`docs/scripts/data/probe-causes.mjs describes causes ftp-probe no longer has: ${stale.join(', ')}`);
  const sections = Object.entries(causes).map(([id, cause]) => causeSection(id, cause));
  return new Map([
    [
      'reference/probe-causes.md',
      `${generatedNotice('@closed-ftp/ftp-probe PROBE_CAUSES')}
# Probe causes

When ftp-probe finds the first failing step, it ranks the likely causes. A cause that configuration predicts has a
network-check [rule](../rules/) id (\`CFTP-NET-...\`); the causes below are only observed from a client. Each
finding's \`docs\` link points at its section here. Which causes are ranked for which failing step is on the
[ftp-probe page](../packages/ftp-probe#causes).

${sections.join('\n')}`,
    ],
  ]);
}
