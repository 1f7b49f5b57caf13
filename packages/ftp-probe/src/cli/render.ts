import { styleText } from 'node:util';
import type { ProbeEvent } from '../options.js';
import type { ProbeReport, StepResult } from '../report.js';

const MARK: Record<StepResult['status'], string> = { ok: '✔', failed: '✘', 'timed-out': '⏱', skipped: '-' };
const COLOUR = { ok: 'green', failed: 'red', 'timed-out': 'red', skipped: 'gray' } as const;
// The caller has decided on colour (a TTY, no NO_COLOR): Node 22+ would otherwise check stdout again itself.
const decided = { validateStream: false };

function stepLine(result: StepResult, colour: boolean): string {
  const mark = colour ? styleText(COLOUR[result.status], MARK[result.status], decided) : `[${result.status}]`;
  const time = result.status === 'skipped' ? '' : ` (${result.durationMs} ms)`;
  return `${mark} ${result.title}: ${result.summary}${time}`;
}

/** Live progress: on a terminal a "running" line per step replaced by its result; otherwise one plain line per step. */
export function progressPrinter(out: NodeJS.WriteStream): (event: ProbeEvent) => void {
  const tty = out.isTTY === true && !process.env.NO_COLOR;
  let ticker: NodeJS.Timeout | undefined;
  return (event) => {
    if (event.phase === 'start') {
      if (!tty) return;
      const started = Date.now();
      const draw = () => out.write(`\r\x1b[2K… ${event.title} (${Math.round((Date.now() - started) / 1000)} s)`);
      draw();
      ticker = setInterval(draw, 1000);
      return;
    }
    clearInterval(ticker);
    out.write(`${tty ? '\r\x1b[2K' : ''}${stepLine(event.result, tty)}\n`);
  };
}

/** The verdict and the ranked causes with their fixes. */
export function renderVerdict(report: ProbeReport, colour: boolean): string {
  const paint = (format: Parameters<typeof styleText>[0], text: string) =>
    colour ? styleText(format, text, decided) : text;
  const lines: string[] = [''];
  const headline =
    report.verdict === 'healthy'
      ? paint('green', `HEALTHY: ${report.target.url} logs in and lists (${report.durationMs} ms)`)
      : paint(
          'red',
          `${report.verdict.toUpperCase()}: first failure at "${report.firstFailure?.step}" (${report.firstFailure?.status}): ${report.firstFailure?.summary}`,
        );
  lines.push(headline);
  if (report.causes.length > 0) lines.push('', 'Likely causes, most likely first:');
  for (const cause of report.causes) {
    lines.push(`  ${cause.rank}. [${cause.id}] ${cause.title}`);
    lines.push(`     ${cause.message}`);
    lines.push(`     Fix: ${cause.remediation}`);
    lines.push(`     ${paint('gray', cause.docs)}`);
  }
  return `${lines.join('\n')}\n`;
}
