import type { NetworkFinding } from '../check.js';
import { type Coverage, coverageGap } from '../coverage.js';
import { summaryLine, whereOf } from './summary.js';

const ICONS = { error: '🔴', warning: '🟠', info: '🔵' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A pull-request comment: one table row per finding, remediation included. */
export function formatMarkdown(findings: NetworkFinding[], title = 'network-check', coverage?: Coverage): string {
  const gap = coverage && coverageGap(coverage);
  const lines = [`### ${title}`, '', ...(gap ? [`> [!WARNING]`, `> ${gap}`, ''] : []), summaryLine(findings, coverage)];
  if (findings.length > 0) {
    lines.push('', '| | Rule | Resource | Finding | Fix |', '|---|---|---|---|---|');
    for (const f of findings) {
      lines.push(
        `| ${ICONS[f.severity]} ${f.severity} | [${f.id}](${f.docs}) | \`${cell(whereOf(f))}\` | ${cell(f.message)} | ${cell(f.remediation)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
