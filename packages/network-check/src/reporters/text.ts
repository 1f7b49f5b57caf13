import { styleText } from 'node:util';
import type { Severity } from '../catalog.js';
import type { NetworkFinding } from '../check.js';
import { summaryLine, whereOf } from './summary.js';

const COLOURS: Record<Severity, 'red' | 'yellow' | 'cyan'> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Findings grouped by rule, for a terminal; `colour` adds ANSI colours (use it on a TTY only). */
export function formatText(findings: NetworkFinding[], options: { colour?: boolean } = {}): string {
  const paint = (colour: Parameters<typeof styleText>[0], text: string) =>
    options.colour ? styleText(colour, text) : text;
  const lines: string[] = [];
  const groups = new Map<string, NetworkFinding[]>();
  for (const finding of findings) groups.set(finding.id, [...(groups.get(finding.id) ?? []), finding]);
  for (const [id, group] of groups) {
    const first = group[0]!;
    lines.push(
      `${paint(['bold', COLOURS[first.severity]], `${first.severity.toUpperCase()} ${id}`)} ${paint('bold', first.title)}`,
    );
    for (const finding of group) {
      const severity = finding.severity === first.severity ? '' : ` (${finding.severity})`;
      lines.push(`  - ${whereOf(finding)}${severity}: ${finding.message}`);
      lines.push(`    fix: ${finding.remediation}`);
    }
    lines.push(`    docs: ${first.docs}`, '');
  }
  lines.push(paint('bold', summaryLine(findings)));
  return `${lines.join('\n')}\n`;
}
