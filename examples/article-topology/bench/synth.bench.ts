// Synth time of the article topology against an empty CDK app, in the same process (the benchmark).
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir } from '@closed-ftp/test-support';
import { App } from 'aws-cdk-lib';
import { afterAll, bench, describe } from 'vitest';
import { articleApp } from '../src/index.js';

// Every synth writes into a fresh folder inside this one, removed at the end.
const assemblies = await createTempDir('article-topology-bench');
afterAll(() => assemblies.remove());

const outdir = () => mkdtempSync(join(assemblies.path, 'cdk.out-'));
const options = { iterations: 20, warmupIterations: 3, time: 0 };

describe('synth', () => {
  bench('empty app', () => void new App({ outdir: outdir() }).synth(), options);
  bench('article topology (working)', () => void articleApp('working', { outdir: outdir() }).synth(), options);
});
