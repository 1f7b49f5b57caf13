import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { type Figure, figuresFile } from './figures.js';

interface BenchTask {
  task: { result?: { benchmark?: { mean: number } } };
}

interface Row {
  group: string;
  name: string;
  value: string;
  ratio: string;
  target: string;
}

/**
 * Prints one table per run: in each describe the first bench is the baseline and every other bench's mean time is
 * shown as a ratio of it; figures from `recordFigure()` follow. Writes the same to bench/results/latest.{json,md}.
 */
export class RatioReporter implements Reporter {
  #root = process.cwd();

  onInit(vitest: Vitest): void {
    this.#root = vitest.config.root;
    rmSync(figuresFile(this.#root), { force: true });
  }

  onTestRunEnd(modules: readonly TestModule[]): void {
    const rows = [...modules.flatMap((module) => this.#benchRows(module)), ...this.#figureRows()];
    if (rows.length === 0) return;
    const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const heading = `Benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machine}`;
    const table = [
      '| comparison | case | measured | ratio to baseline | target |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.group} | ${r.name} | ${r.value} | ${r.ratio} | ${r.target} |`),
    ].join('\n');
    process.stdout.write(`\n${heading}\n\n${table}\n\n`);
    const out = join(this.#root, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'latest.md'), `${heading}\n\n${table}\n`);
    writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ heading, rows }, null, 2)}\n`);
  }

  #benchRows(module: TestModule): Row[] {
    const groups = new Map<string, Array<{ name: string; mean: number }>>();
    for (const test of module.children.allTests()) {
      // vitest keeps a bench's statistics on the runner task, which the reporter API does not type.
      const result = (test as unknown as BenchTask).task.result?.benchmark;
      if (result === undefined) continue;
      const group = `${relative(this.#root, module.moduleId)} > ${test.parent.type === 'suite' ? test.parent.fullName : ''}`;
      groups.set(group, [...(groups.get(group) ?? []), { name: test.name, mean: result.mean }]);
    }
    return [...groups].flatMap(([group, benches]) => {
      const baseline = benches[0]!.mean;
      return benches.map((bench, index) => ({
        group,
        name: bench.name,
        value: formatMs(bench.mean),
        ratio: index === 0 ? 'baseline' : `${round(bench.mean / baseline)}x`,
        target: '',
      }));
    });
  }

  #figureRows(): Row[] {
    const file = figuresFile(this.#root);
    if (!existsSync(file)) return [];
    const figures = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Figure);
    rmSync(file);
    return figures.map((f) => ({
      group: f.group,
      name: f.name,
      value: `${round(f.value)} ${f.unit}`,
      ratio: f.baseline === undefined ? '' : `${round(f.value / f.baseline)}x`,
      target: f.target ?? '',
    }));
  }
}

function formatMs(ms: number): string {
  return ms >= 1 ? `${round(ms)} ms` : `${round(ms * 1000)} µs`;
}

function round(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
