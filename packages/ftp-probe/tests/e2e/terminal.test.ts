import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireBinary } from '@closed-ftp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('ftp-probe on a terminal (pseudo-terminal from util-linux script)', () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.stop());

  it('prompts for the password without echoing it, shows live progress and the verdict', async () => {
    requireBinary('/usr/bin/script', 'bsdutils');
    const { FTP_PASSWORD: _, NO_COLOR: __, ...env } = process.env;
    const command = `${process.execPath} ${CLI} ftp://${USER}@127.0.0.1:${emulator.port} --timeout 10`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...env, TERM: 'xterm' } });
    let output = '';
    let typed = false;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      // Type only once the prompt is up: raw mode is on by then, so the terminal does not echo.
      if (!typed && output.includes('Password for')) {
        typed = true;
        child.stdin.write(`${PASSWORD}\r`);
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(typed).toBe(true);
    expect(code).toBe(0);
    expect(output).toContain(`Password for ${USER}@127.0.0.1: `);
    expect(output).not.toContain(PASSWORD);
    expect(output).toContain('✔');
    expect(output).toContain('\x1b[2K');
    expect(output).toContain('HEALTHY');
  });
});
