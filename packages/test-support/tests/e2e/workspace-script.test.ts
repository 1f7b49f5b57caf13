import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { requireBinary, runProcess } from '../../src/index.js';

const repository = fileURLToPath(new URL('../../../..', import.meta.url));

it('npm test without root or passwordless sudo says in one line what it needs and exits 2', async () => {
  const su = requireBinary('su', 'util-linux');
  const run = await runProcess(
    su,
    ['nobody', '-s', '/bin/sh', '-c', `cd '${repository}' && node scripts/workspace.mjs test`],
    {
      timeoutMs: 30_000,
    },
  );
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/needs root or passwordless sudo .*run `npm run test:unit`/);
});
