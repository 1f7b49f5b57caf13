import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createTempDir, runProcess } from '../../src/index.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

it('vitest bench prints one ratio table (first bench of a describe = baseline) and writes it to bench/results', async () => {
  await using dir = await createTempDir('test-support-bench');
  await symlink(join(packageDir, 'node_modules'), join(dir.path, 'node_modules'));
  await writeFile(
    join(dir.path, 'vitest.bench.config.ts'),
    `import { benchConfig } from ${JSON.stringify(join(packageDir, 'dist/bench/index.js'))};\nexport default benchConfig();\n`,
  );
  await mkdir(join(dir.path, 'bench'));
  await writeFile(
    join(dir.path, 'bench/spin.bench.ts'),
    `import { bench, describe } from 'vitest';
import { recordFigure } from ${JSON.stringify(join(packageDir, 'dist/bench/index.js'))};
const spin = (n) => { let x = 0; for (let i = 0; i < n; i++) x += Math.sqrt(i); return x; };
describe('spin', () => {
  bench('short', () => { spin(2_000); }, { time: 100 });
  bench('long', () => { spin(20_000); }, { time: 100 });
});
recordFigure({ group: 'sizes', name: 'bundle', value: 400, unit: 'KB', baseline: 800, target: '<= 600 KB' });
`,
  );
  const run = await runProcess(
    join(packageDir, 'node_modules/.bin/vitest'),
    ['bench', '--run', '--config', 'vitest.bench.config.ts'],
    { cwd: dir.path, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 120_000 },
  );
  expect(run.code, run.stderr).toBe(0);
  const latest = await readFile(join(dir.path, 'bench/results/latest.md'), 'utf8');
  expect(run.stdout).toContain(latest.split('\n\n')[1]!.trim());
  const rows = latest
    .split('\n')
    .filter((line) => line.startsWith('| bench/spin.bench.ts') || line.startsWith('| sizes'));
  expect(rows[0]).toMatch(/\| short \| [\d.]+ µs \| baseline \|/);
  const ratio = Number(/\| long \| [^|]+ \| ([\d.]+)x \|/.exec(rows[1]!)?.[1]);
  expect(ratio).toBeGreaterThan(3); // ten times the work: far more than 3x the time
  expect(rows[2]).toBe('| sizes | bundle | 400 KB | 0.5x | <= 600 KB |');
});
