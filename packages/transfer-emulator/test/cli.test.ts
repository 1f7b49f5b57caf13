import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openControl } from './support/raw-control.js';
import { runProcess } from './support/run-process.js';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
let root: string;
let idp: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'transfer-emulator-cli-'));
  await mkdir(join(root, 'bucket/home/alice'), { recursive: true });
  await writeFile(join(root, 'bucket/home/alice/hello.txt'), 'hello\n');
  idp = join(root, 'idp.mjs');
  await writeFile(
    idp,
    "export const handler = async (e) => e.password === 'wonderland' ? { Role: 'arn:aws:iam::111122223333:role/r', HomeDirectory: '/bucket/home/alice' } : {};\n",
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

const run = (...args: string[]) => runProcess(process.execPath, [cli, ...args]);

/** Starts the CLI on free ports and resolves with its first output line. */
async function startCli(
  extra: string[],
  idpModule = idp,
): Promise<{ child: ChildProcessWithoutNullStreams; first: string; output: () => string }> {
  for (let attempt = 0; ; attempt++) {
    const from = 20000 + Math.floor(Math.random() * 40000);
    const child = spawn(process.execPath, [
      cli,
      '--root',
      root,
      '--idp',
      idpModule,
      '--port',
      '0',
      '--passive-ports',
      `${from}-${from + 8}`,
      ...extra,
    ]);
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const first = await new Promise<string | undefined>((resolve) => {
      child.stdout.on('data', () => {
        if (output.includes('\n')) resolve(output.split('\n')[0]);
      });
      child.on('close', () => resolve(undefined));
    });
    if (first !== undefined) return { child, first, output: () => output };
    if (attempt > 10) throw new Error('the CLI did not start');
  }
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((done) => {
    child.once('close', (code) => done(code));
    child.kill(signal);
  });
}

describe('transfer-emulator CLI', () => {
  it('prints usage with --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: transfer-emulator --root <dir> --idp <module>/);
  });

  it('names the bad option and exits 2', async () => {
    for (const [args, message] of [
      [['--root', '/tmp'], /--idp: required/],
      [['--idp', 'x.mjs', '--root', '/tmp', '--passive-ports', '8192'], /--passive-ports: expected <from>-<to>/],
      [['--idp', 'x.mjs', '--root', '/tmp', '--fault', 'nope'], /faults: unknown fault 'nope'/],
      [['--idp', 'x.mjs', '--root', '/tmp', '--port', 'abc'], /--port: expected a whole number/],
      [['--idp', 'x.mjs', '--root', '/no/such/folder'], /root: \/no\/such\/folder is not an existing folder/],
      [['--idp', 'x.mjs', '--bogus'], /Unknown option '--bogus'/],
    ] as const) {
      const result = await run(...args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user mistake
    }
  });

  it('exits 4 when the IdP module is unusable, 3 when the port is taken', async () => {
    const missing = await run('--root', root, '--idp', join(root, 'missing.mjs'), '--port', '0');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/idp: cannot load module/);

    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const busy = await run('--root', root, '--idp', idp, '--port', String(port));
      expect(busy.code).toBe(3);
      expect(busy.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is not available`));
    } finally {
      blocker.close();
    }
  });

  it('prints one start line, logs each command without the password, and stops cleanly on SIGTERM', async () => {
    const { child, first, output } = await startCli([]);
    expect(first).toMatch(
      /^transfer-emulator listening on ftp:\/\/127\.0\.0\.1:\d+ \(passive \d+-\d+, server s-0123456789abcdef0\)$/,
    );
    const port = /:(\d+) /.exec(first)![1];
    const get = await runProcess('curl', [
      '-sS',
      '--max-time',
      '10',
      '-u',
      'alice:wonderland',
      `ftp://127.0.0.1:${port}/hello.txt`,
    ]);
    expect(get.stdout).toBe('hello\n');
    expect(await stop(child)).toBe(0);
    expect(output()).toMatch(/#\d+ alice@127\.0\.0\.1 RETR hello\.txt -> 226 6 B/);
    expect(output()).toMatch(/PASS \*\*\*\* -> 230/);
    expect(output()).not.toContain('wonderland');
  });

  it('exits after SIGTERM even when the IdP module keeps a timer running', async () => {
    const busyIdp = join(root, 'busy-idp.mjs');
    await writeFile(busyIdp, 'setInterval(() => {}, 60_000);\nexport const handler = async () => ({});\n');
    const { child } = await startCli([], busyIdp);
    const started = performance.now();
    expect(await stop(child)).toBe(0);
    expect(performance.now() - started).toBeLessThan(6000);
  });

  it('writes JSON lines with --json and closes open sessions with 421 on SIGINT', async () => {
    const { child, first, output } = await startCli(['--json']);
    const listening = JSON.parse(first);
    expect(listening).toMatchObject({ event: 'listening', level: 'info' });
    const port = /:(\d+) /.exec(listening.message)![1];
    const list = await runProcess('curl', [
      '-sS',
      '--max-time',
      '10',
      '-u',
      'alice:wonderland',
      `ftp://127.0.0.1:${port}/`,
    ]);
    expect(list.code).toBe(0);
    // A client that stays connected is told 421 when the emulator shuts down.
    const control = await openControl('127.0.0.1', Number(port));
    expect((await control.login('alice', 'wonderland')).code).toBe(230);
    const stopped = stop(child, 'SIGINT');
    expect((await control.reply()).text).toBe('421 Service closing control connection');
    expect(await stopped).toBe(0);
    control.close();
    const records = output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.some((r) => r.event === 'command' && r.command === 'LIST' && r.reply === 226)).toBe(true);
    expect(records.at(-1)).toMatchObject({ event: 'closed' });
  });
});
