// The README's quick start, taken from its text and run as written (the built bin in place of npx, in an empty
// folder), then used with the README's own curl commands.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePortRange, useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import { CLI, stopCli } from '../support/cli-process.js';
import { portsFree, readmeCodeBlocks } from '../support/readme.js';
import { runProcess } from '../support/run-process.js';

const temp = useTempDir('transfer-emulator-quick-start');
const NPX = ['npx', '@closed-ftp/transfer-emulator'];

/** Runs the CLI and waits for its connect hint; resolves with the child and everything it printed. */
async function start(args: string[], cwd: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, ...args], { cwd });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null | 'started'>((done) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('connect: ')) done('started');
    });
    child.on('close', (exit) => done(exit));
  });
  return { child, code, stdout: () => stdout, stderr: () => stderr };
}

describe('the README quick start', () => {
  it('runs verbatim: serves the created folder to alice, and the README curl commands upload and list', async () => {
    const [quickStart, curls] = readmeCodeBlocks();
    expect(quickStart?.language).toBe('sh');
    const command = quickStart!.code.trim();
    expect(command).not.toMatch(/['"\n\\]/); // one plain command line, split on spaces as a shell would
    const words = command.split(/\s+/);
    expect(words.slice(0, 2)).toEqual(NPX);
    const args = words.slice(2);

    // The command as written needs port 2121 and 8192-8200; on a busy machine only the ports are moved.
    const verbatim = await portsFree([2121, ...Array.from({ length: 9 }, (_, i) => 8192 + i)]);
    let port = '2121';
    let extra: string[] = [];
    if (!verbatim) {
      const { from, to } = await freePortRange(10);
      port = String(from);
      extra = ['--port', port, '--passive-ports', `${from + 1}-${to}`];
    }
    const cwd = temp.path;
    let emulator = await start([...args, ...extra], cwd);
    if (emulator.code === 3) {
      // Taken between the look and the start: move the ports after all, from an empty folder again.
      await rm(join(cwd, 'ftp-root'), { recursive: true, force: true });
      const { from, to } = await freePortRange(10);
      port = String(from);
      emulator = await start([...args, '--port', port, '--passive-ports', `${from + 1}-${to}`], cwd);
    }
    expect(emulator.code, emulator.stderr()).toBe('started');
    try {
      expect(emulator.stderr()).toBe(`transfer-emulator: created ${join(cwd, 'ftp-root')} (it did not exist)\n`);
      const [listening, hint] = emulator.stdout().split('\n');
      expect(listening).toMatch(new RegExp(`^transfer-emulator listening on ftp://127\\.0\\.0\\.1:${port} `));
      expect(hint).toBe(`connect: curl -u alice:<password> ftp://127.0.0.1:${port}/`);

      expect(curls?.language).toBe('sh');
      const lines = curls!.code.trim().split('\n');
      expect(lines).toHaveLength(2);
      await writeFile(join(cwd, 'notes.txt'), 'quick start\n');
      const results = [];
      for (const line of lines) {
        const curl = line.split(/\s+/).map((word) => word.replace('127.0.0.1:2121', `127.0.0.1:${port}`));
        expect(curl[0]).toBe('curl');
        results.push(await runProcess('curl', ['-sS', '--max-time', '10', ...curl.slice(1)], { cwd }));
      }
      expect(results.map((result) => result.code)).toEqual([0, 0]);
      expect(await readFile(join(cwd, 'ftp-root', 'notes.txt'), 'utf8')).toBe('quick start\n');
      expect(results[1]!.stdout).toMatch(/ notes\.txt\r?\n/);
      // A wrong password is refused: the folder is not open to anyone.
      const wrong = await runProcess('curl', [
        '-sS',
        '--max-time',
        '10',
        '-u',
        'alice:nope',
        `ftp://127.0.0.1:${port}/`,
      ]);
      expect(wrong.code).toBe(67);
    } finally {
      expect(await stopCli(emulator.child, 'SIGINT')).toBe(0);
    }
    expect(emulator.stdout()).not.toContain('secret');
    expect(emulator.stderr()).not.toContain('secret');
  });
});
