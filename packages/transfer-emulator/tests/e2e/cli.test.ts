import { useTempDir } from '@closed-ftp/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCliRoot, startCli as startCliIn, stopCli as stop } from '../support/cli-process.js';
import { openControl } from '../support/raw-control.js';
import { runProcess } from '../support/run-process.js';

const temp = useTempDir('transfer-emulator-cli');
let root: string;
let idp: string;

beforeAll(async () => {
  root = temp.path;
  idp = await prepareCliRoot(root);
});

const startCli = (extra: string[], idpModule = idp) => startCliIn(root, idpModule, extra);

describe('transfer-emulator CLI with curl', () => {
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
