import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

function collect(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('runCli', () => {
  it('reports an unexpected failure in one line with exit 2, never 1 (which means findings)', async () => {
    const stderr = collect();
    const stdout = new Writable({
      write() {
        throw new Error('stdout is closed');
      },
    });
    const code = await runCli(['explain', 'CFTP-NET-001'], { stdout, stderr, env: {} });
    expect(code).toBe(2);
    expect(stderr.text).toBe(
      'network-check: unexpected error (stdout is closed); please report it with the input that caused it.\n',
    );
  });

  it('follows the CLI convention: usage on stderr with exit 2 for no arguments, on stdout with 0 for --help', async () => {
    const run = async (argv: string[]) => {
      const stdout = collect();
      const stderr = collect();
      const code = await runCli(argv, { stdout, stderr, env: {} });
      return { code, stdout: stdout.text, stderr: stderr.text };
    };
    const bare = await run([]);
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toMatch(/^Usage: network-check <command>/);
    for (const flag of ['-h', '--help']) {
      const help = await run([flag]);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toBe(bare.stderr);
    }
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
