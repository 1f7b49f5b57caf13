import { styleText } from 'node:util';
import type { Severity } from '../catalog.js';
import type { NetworkFinding } from '../check.js';
import { type Coverage, coverageGap } from '../coverage.js';
import { summaryLine, whereOf } from './summary.js';

const COLOURS: Record<Severity, 'red' | 'yellow' | 'cyan'> = { error: 'red', warning: 'yellow', info: 'cyan' };

export interface TextOptions {
  /** ANSI colours (use on a TTY only, and not under NO_COLOR). */
  colour?: boolean;
  /** What was checked (`describeCoverage`): a gap is the first line, the counts the last. */
  coverage?: Coverage;
}

/** Findings grouped by rule, for a terminal. */
export function formatText(findings: NetworkFinding[], options: TextOptions = {}): string {
  const paint = (colour: Parameters<typeof styleText>[0], text: string) =>
    options.colour ? styleText(colour, text, { validateStream: false }) : text; // asked for: Node 22+ must not re-check stdout
  const lines: string[] = [];
  const gap = options.coverage && coverageGap(options.coverage);
  if (gap) lines.push(paint(['bold', 'yellow'], gap), '');
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
  lines.push(paint('bold', summaryLine(findings, options.coverage)));
  return `${lines.join('\n')}\n`;
}
