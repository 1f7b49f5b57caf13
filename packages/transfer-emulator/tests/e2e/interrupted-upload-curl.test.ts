// A real client killed mid-upload (curl, SIGKILL): what Transfer documents, a partial object and a PARTIAL_CLOSE.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import type { EmulatorLogRecord } from '../../src/options.js';
import { startTestEmulator } from '../support/test-emulator.js';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.each(['keep', 'discard'] as const)('curl killed during an upload, interruptedUploads %s', (mode) => {
  it(mode === 'keep' ? 'keeps the bytes that arrived and logs a partial close' : 'leaves nothing', async () => {
    const records: EmulatorLogRecord[] = [];
    await using emulator = await startTestEmulator({ interruptedUploads: mode, logger: (r) => records.push(r) });
    const home = join(emulator.root, 'bucket/home/alice');
    const curl = spawn(requireBinary('curl', 'curl'), [
      '-sS',
      '-u',
      'alice:wonderland',
      '-T',
      '-',
      `ftp://${emulator.host}:${emulator.port}/killed.bin`,
    ]);
    curl.stdin.write(Buffer.alloc(256 * 1024, 1)); // then stdin stays open: curl waits for more
    // Until the partial object holds bytes: the upload is under way.
    for (let i = 0; i < 100; i++) {
      const partial = readdirSync(home).find((name) => name.startsWith('.transfer-emulator-partial-'));
      if (partial && statSync(join(home, partial)).size > 0) break;
      await pause(50);
    }
    const exited = new Promise((done) => curl.once('exit', done));
    curl.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 60 && !records.some((r) => r.event === 'disconnect'); i++) await pause(50);
    await pause(300);
    if (mode === 'keep') {
      const size = statSync(join(home, 'killed.bin')).size;
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThanOrEqual(256 * 1024);
      expect(records.find((r) => r.event === 'partial-close')?.bytes).toBe(size);
    } else {
      expect(existsSync(join(home, 'killed.bin'))).toBe(false);
    }
    expect(readdirSync(home).filter((name) => name.startsWith('.transfer-emulator'))).toEqual([]);
    expect(records.some((r) => r.event === 'command' && r.command === 'STOR' && r.reply === 226)).toBe(false);
  });
});
