import type { ProbeReport } from '@closed-ftp/ftp-probe';

/** The probe's report as a few lines: verdict, each step, and the most likely cause with its fix. */
export function renderReport(report: ProbeReport): string {
  const mark = { ok: '✔', failed: '✘', 'timed-out': '⧗', skipped: '·' } as const;
  const lines = [`ftp-probe verdict: ${report.verdict} (${report.target.url}, ${report.durationMs} ms)`];
  for (const step of report.steps) {
    lines.push(
      `  ${mark[step.status]} ${step.title.padEnd(44)} ${String(step.durationMs).padStart(6)} ms  ${step.summary}`,
    );
  }
  const cause = report.causes[0];
  if (cause) lines.push(`most likely cause: [${cause.id}] ${cause.title}`, `fix: ${cause.remediation}`);
  return lines.join('\n');
}
