import { writeFile } from 'node:fs/promises';
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

  it('exits after SIGTERM even when the IdP module keeps a timer running', async () => {
    const busyIdp = join(root, 'busy-idp.mjs');
    await writeFile(busyIdp, 'setInterval(() => {}, 60_000);\nexport const handler = async () => ({});\n');
    const { child } = await startCli([], busyIdp);
    const started = performance.now();
    expect(await stop(child)).toBe(0);
    expect(performance.now() - started).toBeLessThan(6000);
  });
});
