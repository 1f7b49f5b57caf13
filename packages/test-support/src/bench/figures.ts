import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A measured figure that is not a vitest bench time: a throughput ratio, a size, a peak RSS. */
export interface Figure {
  /** The comparison it belongs to (a describe's name, or one of your own). */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** The baseline's value in the same unit: the table then shows value / baseline. */
  baseline?: number;
  /** What the figure must meet, in words (e.g. ">= 0.9x vsftpd"). */
  target?: string;
}

/** Where bench files leave their figures for the reporter (bench workers and the reporter share the package folder). */
export function figuresFile(root = process.cwd()): string {
  return resolve(root, 'bench/results/figures.jsonl');
}

/** Adds a figure to the table printed at the end of `vitest bench`. */
export function recordFigure(figure: Figure): void {
  const file = figuresFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(figure)}\n`);
}
