// The canary bundle's size (target <= 600 KB minified) and its cold import against a bare `node -e ''` (target <= 3x),
// each a fresh process, as a Lambda cold start pays it.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recordFigure } from '@closed-ftp/test-support/bench';
import { bench, describe } from 'vitest';

// The built bundle (npm run build), where canaryBundleDir points in the published package.
const bundle = fileURLToPath(new URL('../dist/canary-bundle/index.mjs', import.meta.url));
const options = { iterations: 20, warmupIterations: 2, time: 0 };
const node = (...args: string[]) => execFileSync(process.execPath, args, { env: { PATH: process.env.PATH } });

recordFigure({
  group: 'canary bundle',
  name: 'dist/canary-bundle/index.mjs, minified, AWS SDK and Powertools included',
  value: statSync(bundle).size / 1000,
  unit: 'KB',
  target: '<= 600 KB',
});

describe('canary cold import', () => {
  bench('bare node -e ""', () => void node('-e', ''), options);
  bench(
    'node: import the canary bundle (target <= 3x)',
    () => {
      node('--input-type=module', '-e', `await import(${JSON.stringify(bundle)})`);
    },
    options,
  );
});
