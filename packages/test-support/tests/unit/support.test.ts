import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_WILDCARD_CASES } from '../../src/fixtures/index.js';
import {
  createTempDir,
  freePort,
  freePortRange,
  requireBinary,
  runProcess,
  startProcess,
  useTempDir,
  waitForPort,
} from '../../src/index.js';

describe('ports', () => {
  it('finds a free port and a free range that can really be bound', async () => {
    const port = await freePort();
    const { from, to } = await freePortRange(9);
    expect(to - from).toBe(8);
    const servers = [port, from, to].map((p) => createServer().listen(p, '127.0.0.1'));
    await Promise.all(servers.map((s) => new Promise((resolve) => s.once('listening', resolve))));
    await waitForPort(port, '127.0.0.1', 1000);
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await expect(waitForPort(port, '127.0.0.1', 200)).rejects.toThrow(/nothing listens/);
  });
});

describe('processes', () => {
  it('runs a command to its end with input, and stops a server', async () => {
    const result = await runProcess(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'hi' });
    expect(result).toMatchObject({ code: 0, stdout: 'hi' });
    const killed = await runProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 200 });
    expect(killed.signal).toBe('SIGKILL');
    const server = startProcess(process.execPath, ['-e', 'console.log("up"); setInterval(() => {}, 1000)']);
    await expect.poll(() => server.output()).toContain('up');
    await server.stop();
    expect(await server.exited).toBe('SIGTERM');
  });

  it('fails with the install hint when a program is missing', () => {
    expect(requireBinary('node', 'nodejs')).toMatch(/node$/);
    expect(() => requireBinary('no-such-program-here', 'no-such-package')).toThrow(
      /install the Debian package no-such-package/,
    );
  });
});

describe('temp folders', () => {
  const shared = useTempDir('test-support-shared');

  it('useTempDir gives a folder inside tests', async () => {
    await writeFile(join(shared.path, 'a'), 'x');
    expect(existsSync(join(shared.path, 'a'))).toBe(true);
  });

  it('createTempDir removes its folder with its contents', async () => {
    let path: string;
    {
      await using dir = await createTempDir('test-support-once');
      path = dir.path;
      await writeFile(join(path, 'f'), 'x');
    }
    expect(existsSync(path)).toBe(false);
  });
});

describe('IAM_WILDCARD_CASES', () => {
  // An obviously correct (quadratic) reference, to keep the shared data itself honest.
  function reference(pattern: string, value: string, ignoreCase: boolean): boolean {
    const p = ignoreCase ? pattern.toLowerCase() : pattern;
    const v = ignoreCase ? value.toLowerCase() : value;
    let row = Array.from({ length: v.length + 1 }, (_, j) => j === 0);
    for (const c of p) {
      const next = Array.from({ length: v.length + 1 }, () => false);
      next[0] = c === '*' && row[0]!;
      for (let j = 1; j <= v.length; j++) {
        next[j] = c === '*' ? next[j - 1]! || row[j]! : row[j - 1]! && (c === '?' || c === v[j - 1]);
      }
      row = next;
    }
    return row[v.length]!;
  }

  it.each(IAM_WILDCARD_CASES.map((c) => [c.pattern.slice(0, 40), c.value.slice(0, 40), c] as const))(
    '%s ~ %s',
    (_p, _v, c) => {
      expect(reference(c.pattern, c.value, c.ignoreCase ?? false)).toBe(c.matches);
    },
  );
});
