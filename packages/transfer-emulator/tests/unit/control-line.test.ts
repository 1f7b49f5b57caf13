// The control connection is read as bytes: Telnet commands, urgent ABOR, and lines over the limit.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ControlLine, LineReader } from '../../src/control/line-reader.js';
import { openControl, type RawControl } from '../support/raw-control.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

function read(chunks: Array<string | number[]>, max = 16): ControlLine[] {
  const lines: ControlLine[] = [];
  const reader = new LineReader(max, (line) => lines.push(line));
  for (const chunk of chunks)
    reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.from(chunk));
  return lines;
}

describe('LineReader', () => {
  it('drops Telnet IP, DM and negotiation, keeps IAC IAC as one 0xFF, splits on LF with or without CR', () => {
    expect(read([[0xff, 0xf4, 0xff, 0xf2], 'ABOR\r\nNO', [0xff, 0xfb, 0x01], 'OP\nX', [0xff, 0xff], 'Y\r\n'])).toEqual([
      { kind: 'line', text: 'ABOR' },
      { kind: 'line', text: 'NOOP' },
      { kind: 'line', text: Buffer.from([0x58, 0xff, 0x59]).toString('utf8') },
    ]);
  });

  it('takes an urgent ABOR whose LF the TCP urgent pointer swallowed, without a second empty line', () => {
    expect(read(['ABOR\r'])).toEqual([{ kind: 'line', text: 'ABOR' }]);
    expect(read(['ABOR\r', '\n', 'NOOP\r\n'])).toEqual([
      { kind: 'line', text: 'ABOR' },
      { kind: 'line', text: 'NOOP' },
    ]);
  });

  it('drops a long line up to its newline and reports it once, complete or split', () => {
    expect(read([`MKD ${'a'.repeat(40)}`, 'DELE victim.txt\r\nNOOP\r\n'])).toEqual([
      { kind: 'too-long' },
      { kind: 'line', text: 'NOOP' },
    ]);
    expect(read([`DELE ${'./'.repeat(20)}victim.txt\r\nNOOP\r\n`])).toEqual([
      { kind: 'too-long' },
      { kind: 'line', text: 'NOOP' },
    ]);
    expect(read([`${'a'.repeat(16)}\r\n`])).toEqual([{ kind: 'line', text: 'a'.repeat(16) }]); // the limit itself is fine
  });
});

describe('a hostile control connection', () => {
  async function withVictim(run: (control: RawControl, emulator: TestEmulator) => Promise<void>): Promise<void> {
    await using emulator = await startTestEmulator();
    await writeFile(join(emulator.root, 'bucket/home/alice/victim.txt'), 'victim');
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.login('alice', 'wonderland')).code).toBe(230);
      await run(control, emulator);
    } finally {
      control.close();
    }
    expect(existsSync(join(emulator.root, 'bucket/home/alice/victim.txt'))).toBe(true);
  }

  it('never runs the tail of an over-long line split over two reads', async () => {
    await withVictim(async (control) => {
      control.write(`MKD ${'a'.repeat(5_000)}`);
      await new Promise((done) => setTimeout(done, 100)); // a second read on the server
      control.write('DELE victim.txt\r\n');
      expect((await control.reply()).code).toBe(500);
      expect((await control.send('NOOP')).text).toBe('200 NOOP ok'); // answered once: the next reply is NOOP's
    });
  });

  it('refuses a complete 60 KB line instead of running it', async () => {
    await withVictim(async (control) => {
      expect((await control.send(`DELE ${'./'.repeat(30_000)}victim.txt`)).code).toBe(500);
      expect((await control.send('NOOP')).text).toBe('200 NOOP ok');
    });
  });

  it('aborts a download on IAC IP, IAC DM, ABOR (RFC 959 Synch) and on an urgent ABOR that lost its LF', async () => {
    await using emulator = await startTestEmulator();
    await writeFile(join(emulator.root, 'bucket/home/alice/big.bin'), Buffer.alloc(64 * 1024 * 1024));
    const control = await openControl(emulator.host, emulator.port);
    try {
      await control.login('alice', 'wonderland');
      for (const abort of [Buffer.concat([Buffer.from([0xff, 0xf4, 0xff, 0xf2]), Buffer.from('ABOR\r\n')]), 'ABOR\r']) {
        const port = Number(/\|\|\|(\d+)\|/.exec((await control.send('EPSV')).text)![1]);
        const data = connect({ host: emulator.host, port });
        data.pause(); // never read: the server's writes back up and the transfer stays running
        expect((await control.send('RETR big.bin')).code).toBe(150);
        control.write(abort);
        expect((await control.reply()).code).toBe(426);
        expect((await control.reply()).code).toBe(226);
        data.destroy();
      }
      expect((await control.send('NOOP')).text).toBe('200 NOOP ok');
    } finally {
      control.close();
    }
  });
});
