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
});
