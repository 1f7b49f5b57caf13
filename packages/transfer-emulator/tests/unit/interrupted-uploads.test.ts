// An upload the client interrupts: Transfer "might write a partial object" and logs PARTIAL_CLOSE (FACTS.md 6).
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmulatorLogRecord } from '../../src/options.js';
import { openControl, type RawControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

const home = (root: string) => join(root, 'bucket/home/alice');
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function startUpload(control: RawControl, host: string): Promise<Socket> {
  await control.login('alice', 'wonderland');
  const port = Number(/\|\|\|(\d+)\|/.exec((await control.send('EPSV')).text)![1]);
  const data = connect({ host, port });
  await new Promise((done) => data.once('connect', done));
  expect((await control.send('STOR part.bin')).code).toBe(150);
  data.write(Buffer.alloc(10_000, 7));
  await pause(200); // read by the server before the interruption
  return data;
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await pause(50);
}

describe.each(['keep', 'discard'] as const)('interruptedUploads: %s', (mode) => {
  it('a reset data connection', async () => {
    const records: EmulatorLogRecord[] = [];
    await using emulator = await startTestEmulator({ interruptedUploads: mode, logger: (r) => records.push(r) });
    const control = await openControl(emulator.host, emulator.port);
    try {
      const data = await startUpload(control, emulator.host);
      data.resetAndDestroy();
      expect((await control.reply()).code).toBe(426);
      expect((await control.send('NOOP')).code).toBe(200);
    } finally {
      control.close();
    }
    if (mode === 'keep') {
      expect((await readFile(join(home(emulator.root), 'part.bin'))).length).toBe(10_000);
      expect(records.find((r) => r.event === 'partial-close')).toMatchObject({ bytes: 10_000, user: 'alice' });
    } else {
      expect(existsSync(join(home(emulator.root), 'part.bin'))).toBe(false);
      expect(records.some((r) => r.event === 'partial-close')).toBe(false);
    }
    expect(readdirSync(home(emulator.root)).filter((name) => name.startsWith('.transfer-emulator'))).toEqual([]);
  });

  it('a client that vanishes: data and control connections closed together', async () => {
    const records: EmulatorLogRecord[] = [];
    await using emulator = await startTestEmulator({ interruptedUploads: mode, logger: (r) => records.push(r) });
    const control = await openControl(emulator.host, emulator.port);
    const data = await startUpload(control, emulator.host);
    data.end();
    control.close();
    await waitFor(() => records.some((r) => r.event === 'disconnect'));
    await pause(200);
    if (mode === 'keep') {
      expect((await readFile(join(home(emulator.root), 'part.bin'))).length).toBe(10_000);
      expect(records.some((r) => r.event === 'partial-close')).toBe(true);
    } else {
      expect(existsSync(join(home(emulator.root), 'part.bin'))).toBe(false);
    }
  });
});

describe('a complete upload', () => {
  it('is not a partial close, in either mode', async () => {
    for (const mode of ['keep', 'discard'] as const) {
      const records: EmulatorLogRecord[] = [];
      await using emulator = await startTestEmulator({ interruptedUploads: mode, logger: (r) => records.push(r) });
      const control = await openControl(emulator.host, emulator.port);
      try {
        const data = await startUpload(control, emulator.host);
        data.end();
        expect((await control.reply()).code).toBe(226);
      } finally {
        control.close();
      }
      expect((await readFile(join(home(emulator.root), 'part.bin'))).length).toBe(10_000);
      expect(records.some((r) => r.event === 'partial-close')).toBe(false);
    }
  });
});
