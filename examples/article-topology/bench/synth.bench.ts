// Synth time of the article topology against an empty CDK app, in the same process (the benchmark).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { bench, describe } from 'vitest';
import { articleApp } from '../src/index.js';

function synth(app: App): void {
  app.synth();
  rmSync(app.outdir, { recursive: true, force: true });
}

const outdir = () => mkdtempSync(join(tmpdir(), 'article-topology-bench-'));
const options = { iterations: 20, warmupIterations: 3, time: 0 };

describe('synth', () => {
  bench('empty app', () => synth(new App({ outdir: outdir() })), options);
  bench('article topology (working)', () => synth(articleApp('working', { outdir: outdir() })), options);
});
