import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

// The README's first command runs this demo: keep every chapter of the story telling what it claims.
test('the demo tells the whole story and ends cleanly', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [main], {
    env: { ...process.env, NO_COLOR: '1' },
    // The whole story runs real servers and synths: minutes on a machine shared by many test suites.
    timeout: 290_000,
  });
  expect(stdout).toMatch(/right password .*: allow \[password\]/);
  expect(stdout).toMatch(/wrong password .*: deny \[wrong-password\]/);
  expect(stdout).toMatch(/unknown user .*: deny \[unknown-user\]/);
  expect(stdout).toMatch(/wrong password: 530/);
  expect(stdout).toContain('verdict HEALTHY');
  expect(stdout).toMatch(/faults: storage-unreachable[\s\S]*verdict FAILED at "list"/);
  expect(stdout).toMatch(/faults: data-ports-blocked[\s\S]*verdict FAILED at "epsv"[\s\S]*CFTP-NET-006/);
  expect(stdout).toMatch(/before the fix: [\s\S]*CFTP-NET-007/);
  expect(stdout).toMatch(/after the fix: 0 finding/);
  expect(stdout).toMatch(/broken: [\s\S]*CFTP-NET-017/);
  expect(stdout).toContain('Done: every step above ran locally');
  // No password of the demo's users is ever printed.
  for (const secret of ['correct horse', 'battery staple', 'Tr0ub4dor&3', 'demo password, local only']) {
    expect(stdout).not.toContain(secret);
  }
});
