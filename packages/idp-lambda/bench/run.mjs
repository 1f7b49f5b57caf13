// Runs every bench/*.bench.ts: esbuild compiles each (dependencies stay external) into .bench-tmp/, then Node runs it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const only = process.argv[2];
for (const file of readdirSync(here).filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))) {
  const outfile = new URL(`../.bench-tmp/${file.replace(/\.ts$/, '.mjs')}`, here).pathname;
  await build({
    entryPoints: [new URL(file, here).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const result = spawnSync(process.execPath, ['--no-warnings', '--expose-gc', outfile], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
