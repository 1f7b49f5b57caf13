import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI as cli, prepareCliRoot, startCli as startCliIn, stopCli as stop } from '../support/cli-process.js';
import { runProcess } from '../support/run-process.js';

const temp = useTempDir('transfer-emulator-cli');
let root: string;
let idp: string;

beforeAll(async () => {
  root = temp.path;
  idp = await prepareCliRoot(root);
});

const startCli = (extra: string[], idpModule = idp) => startCliIn(root, idpModule, extra);
const run = (...args: string[]) => runProcess(process.execPath, [cli, ...args]);

describe('transfer-emulator CLI', () => {
  it('prints usage on stdout with -h and --help, and exits 0', async () => {
    for (const flag of ['-h', '--help']) {
      const result = await run(flag);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: transfer-emulator --root <dir> --user <name:password>/);
      expect(result.stdout).toMatch(/Exit codes: 0 stopped cleanly, 1 unexpected error, 2 bad option/);
      expect(result.stderr).toBe('');
    }
  });

  it('prints its version with --version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    const result = await run('--version');
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints usage on stderr and exits 2 when given no arguments', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: transfer-emulator /);
  });

  it('writes no colour codes, whatever NO_COLOR or FORCE_COLOR say', async () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '3' }]) {
      const result = await runProcess(process.execPath, [cli, '--port', 'abc', '--user', 'alice:secret'], {
        env: { ...process.env, ...env },
      });
      expect(result.code).toBe(2);
      expect(`${result.stdout}${result.stderr}`).not.toContain('\u001b[');
    }
  });

  it('answers every mistake with one line naming the fix, printing and creating nothing first', async () => {
    const served = join(root, 'never-created');
    for (const [args, message] of [
      [['--root', served, '--user', 'alice:secret', '--port', 'abc'], /--port: expected a whole number/],
      [['--root', served, '--user', 'alice'], /--user: expected <name>:<password> as one argument/],
      [['--root', served, '--user', 'al:secret'], /--user: user name "al" is not one Transfer accepts: use 3-100/],
      [['--root', served, '--user', 'alice:a', '--user', 'alice:b'], /--user: alice is given twice/],
      [['--user', 'alice:secret'], /--root: required with --user: the folder to serve/],
      [['--root', served, '--user', 'alice:secret', '--idp', 'x.mjs'], /--user\/--idp: give one/],
      [['--root', served, '--user', 'alice:secret', '--log-format', 'xml'], /--log-format: expected text, json/],
      [
        ['--root', served, '--user', 'alice:secret', '--log-file', join(root, 'no/such/dir/log')],
        /--log-file: cannot append/,
      ],
      [['--root', join(root, 'idp.mjs'), '--user', 'alice:secret'], /--root: .*idp\.mjs is a file: give a folder/],
      [
        ['--root', served, '--user', 'alice:secret', '--passive-ip', 'nowhere'],
        /^transfer-emulator: passiveIp: expected AUTO/,
      ],
    ] as const) {
      const result = await run(...args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(existsSync(served)).toBe(false);
  });

  it('never repeats a password given in the wrong place', async () => {
    for (const args of [
      ['--root', root, '--user', 'alice', 'hunter2'],
      ['--root', root, '--user', 'alice:'],
      ['--root', root, '--pasword=hunter2'],
      ['--root', root, '--user', 'hunter2'],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('hunter2');
    }
  });

  it('resolves --idp as a package from the current folder, and says how to fix one that is not there', async () => {
    const cwd = join(root, 'project');
    const pkg = join(cwd, 'node_modules', '@example', 'my-idp');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@example/my-idp', main: 'handler.cjs' }));
    await writeFile(join(pkg, 'handler.cjs'), 'exports.handler = async () => ({});\n');
    const missing = await runProcess(
      process.execPath,
      [cli, '--root', root, '--idp', '@example/other', '--port', '0'],
      {
        cwd,
      },
    );
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(
      /idp: @example\/other is neither a file nor a package installed where you run this \(.*project\): install it there \(npm install @example\/other\)/,
    );
    const { child, first } = await startCliIn(root, '@example/my-idp', [], cwd);
    expect(first).toMatch(/^transfer-emulator listening on ftp:\/\/127\.0\.0\.1:\d+ /);
    expect(await stop(child)).toBe(0);
  });

  it('names the bad option and exits 2', async () => {
    for (const [args, message] of [
      [['--root', '/tmp'], /--idp: required: give --user <name:password> for built-in users, or --idp/],
      [['--idp', 'x.mjs', '--root', '/tmp', '--passive-ports', '8192'], /--passive-ports: expected <from>-<to>/],
      [['--idp', 'x.mjs', '--root', '/tmp', '--fault', 'nope'], /faults: unknown fault 'nope'/],
      [['--idp', 'x.mjs', '--root', '/tmp', '--port', 'abc'], /--port: expected a whole number/],
      [['--idp', 'x.mjs', '--root', '/no/such/folder'], /root: \/no\/such\/folder is not an existing folder/],
      [['--idp', 'x.mjs', '--bogus'], /arguments: unknown option --bogus: see --help/],
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

  it('exits after SIGTERM even when the IdP module keeps a timer running', async () => {
    const busyIdp = join(root, 'busy-idp.mjs');
    await writeFile(busyIdp, 'setInterval(() => {}, 60_000);\nexport const handler = async () => ({});\n');
    const { child } = await startCli([], busyIdp);
    const started = performance.now();
    expect(await stop(child)).toBe(0);
    expect(performance.now() - started).toBeLessThan(6000);
  });
});
