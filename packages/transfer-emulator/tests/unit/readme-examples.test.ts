// The README's library example and its --idp example, taken from its text and run as written in an empty folder
// where the package is installed (a link to this package, as npm would place it).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortRange, useTempDir } from '@closed-ftp/test-support';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { CLI, stopCli } from '../support/cli-process.js';
import { readmeCodeBlocks } from '../support/readme.js';
import { runProcess } from '../support/run-process.js';

const temp = useTempDir('transfer-emulator-readme');
const PACKAGE = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

async function installedHere(folder: string): Promise<void> {
  await mkdir(join(folder, 'node_modules', '@closed-ftp'), { recursive: true });
  await symlink(PACKAGE, join(folder, 'node_modules', '@closed-ftp', 'transfer-emulator'), 'dir');
}

describe('the README examples', () => {
  it('runs the library example as written, creating the folder it needs', async () => {
    const example = readmeCodeBlocks().find(
      (block) => block.language === 'ts' && block.code.includes('startEmulator({'),
    );
    expect(example?.code).toContain("await mkdir('./ftp-root/my-bucket', { recursive: true });");
    const cwd = join(temp.path, 'library');
    await mkdir(cwd);
    await installedHere(cwd);
    await writeFile(join(cwd, 'example.mjs'), example!.code);
    // The example listens on the default passive ports 8192-8200: on a shared machine, wait for them to be free.
    let result = await runProcess(process.execPath, ['example.mjs'], { cwd });
    for (let i = 0; i < 20 && /is not available/.test(result.stderr); i++) {
      await new Promise((done) => setTimeout(done, 500));
      result = await runProcess(process.execPath, ['example.mjs'], { cwd });
    }
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ftp:\/\/127\.0\.0\.1:\d+\n$/);
    expect(existsSync(join(cwd, 'ftp-root', 'my-bucket'))).toBe(true);
  });

  it('runs the --idp example as written: its shell lines make the module, and alice logs in with it', async () => {
    const example = readmeCodeBlocks().find(
      (block) => block.language === 'sh' && block.code.includes('--idp ./my-idp.mjs'),
    );
    const lines = example!.code.split('\n');
    const run = lines.findIndex((line) => line.startsWith('npx @closed-ftp/transfer-emulator '));
    expect(run).toBeGreaterThan(0);
    const cwd = join(temp.path, 'idp');
    await mkdir(cwd);
    // Everything before the npx line, through bash as a user would paste it.
    const setup = await runProcess('/bin/bash', ['-euc', lines.slice(0, run).join('\n')], { cwd });
    expect(setup.code, setup.stderr).toBe(0);
    const { from, to } = await freePortRange(9);
    const args = lines[run]!.split(/\s+/).slice(2);
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [CLI, ...args, '--port', '0', '--passive-ports', `${from}-${to}`],
      { cwd },
    );
    let stdout = '';
    const first = await new Promise<string>((done) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('\n')) done(stdout.split('\n')[0]!);
      });
      child.on('close', () => done(stdout));
    });
    try {
      const port = Number(/:(\d+) /.exec(first)![1]);
      // The README's comment is the start line, but for the port and passive range moved to free ones.
      const documented = lines[run + 1]!.replace(/^# /, '');
      expect(first).toBe(documented.replace(':2121 ', `:${port} `).replace('8192-8200', `${from}-${to}`));
      const client = new Client(10_000);
      try {
        await client.access({ host: '127.0.0.1', port, user: 'alice', password: 'secret' });
        expect(await client.pwd()).toBe('/my-bucket/home/alice');
      } finally {
        client.close();
      }
    } finally {
      expect(await stopCli(child)).toBe(0);
    }
  });
});
