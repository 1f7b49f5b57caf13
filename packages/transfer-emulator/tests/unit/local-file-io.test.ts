// The local folder's transfer paths: downloads that send themselves with two reused buffers (read synchronously, or on
// the thread pool once a read is slow), uploads gathered while a write runs and written on the thread pool.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it, vi } from 'vitest';
import { LocalFileBody, writeLocalFile } from '../../src/storage/local-file-io.js';

const temp = useTempDir('transfer-emulator-file-io');
const content = randomBytes(3 * 1024 * 1024 + 12_345); // more than two read buffers, not a multiple of one

/** A Writable keeping what it gets; `failAfter` bytes make it fail; `slow` delays each callback. */
function collector(options: { failAfter?: number; slowMs?: number } = {}) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  const target = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (options.failAfter !== undefined && bytes > options.failAfter) return done(new Error('peer went away'));
      chunks.push(Buffer.from(chunk)); // a copy: the sender may reuse its buffer once this returns
      setTimeout(done, options.slowMs ?? 0);
    },
  });
  target.on('error', () => {}); // as the session does on its data sockets: the failure reaches sendTo through write
  return { target, received: () => Buffer.concat(chunks) };
}

function chunked(data: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) chunks.push(data.subarray(at, at + size));
  return chunks;
}

describe('LocalFileBody', () => {
  it.each([
    ['synchronously (from the page cache)', Number.POSITIVE_INFINITY, false],
    ['on the thread pool once a read is slow', -1, true],
  ])(
    'sends the whole file through two reused buffers and ends the target, reading %s',
    async (_how, slowReadMs, pooled) => {
      const path = join(temp.path, 'down.bin');
      writeFileSync(path, content);
      for (let round = 0; round < 2; round++) {
        const { target, received } = collector({ slowMs: round });
        const file = await open(path, 'r');
        const poolReads = vi.spyOn(file, 'read');
        const body = new LocalFileBody(file);
        await body.sendTo(target, slowReadMs);
        body.destroy();
        expect(target.writableFinished).toBe(true);
        expect(received().equals(content)).toBe(true);
        expect(poolReads.mock.calls.length > 0).toBe(pooled);
      }
    },
  );

  it('rejects when the target fails, and is a plain Readable for any other consumer', async () => {
    const path = join(temp.path, 'down.bin');
    writeFileSync(path, content);
    const failing = new LocalFileBody(await open(path, 'r'));
    await expect(failing.sendTo(collector({ failAfter: 1024 * 1024 }).target)).rejects.toThrow(/peer went away/);
    failing.destroy();
    const read: Buffer[] = [];
    for await (const chunk of new LocalFileBody(await open(path, 'r'))) read.push(chunk as Buffer);
    expect(Buffer.concat(read).equals(content)).toBe(true);
  });

  it('rejects a target closed before the end', async () => {
    const path = join(temp.path, 'down.bin');
    writeFileSync(path, content);
    const target = new PassThrough({ highWaterMark: 1024 });
    const body = new LocalFileBody(await open(path, 'r'));
    const sending = body.sendTo(target);
    setTimeout(() => target.destroy(), 20);
    await expect(sending).rejects.toThrow();
    body.destroy();
  });
});

describe('writeLocalFile', () => {
  it('stores every byte in order from a client slower than the disk', async () => {
    const path = join(temp.path, 'up-slow.bin');
    const body = new PassThrough();
    const writing = writeLocalFile(path, body);
    for (const chunk of chunked(content, 65_536)) {
      body.write(chunk);
      await new Promise((done) => setTimeout(done, 1));
    }
    body.end();
    expect(await writing).toBe(content.length);
    expect(readFileSync(path).equals(content)).toBe(true);
  });

  it('stores every byte in order from a client faster than the disk, pausing it past 1 MiB', async () => {
    const path = join(temp.path, 'up-fast.bin');
    const body = Readable.from(chunked(content, 65_536), { objectMode: false });
    let pauses = 0;
    body.on('pause', () => pauses++);
    expect(await writeLocalFile(path, body)).toBe(content.length);
    expect(readFileSync(path).equals(content)).toBe(true);
    expect(pauses).toBeGreaterThan(0);
  });

  it('rejects when the body fails, and refuses a file that exists', async () => {
    const body = new PassThrough();
    const writing = writeLocalFile(join(temp.path, 'broken.bin'), body);
    body.write(content.subarray(0, 200_000));
    setTimeout(() => body.destroy(new Error('client interrupted')), 20);
    await expect(writing).rejects.toThrow(/client interrupted/);
    const existing = join(temp.path, 'exists.bin');
    writeFileSync(existing, 'x');
    await expect(writeLocalFile(existing, Readable.from([Buffer.from('y')]))).rejects.toThrow(/EEXIST/);
    expect(readFileSync(existing, 'utf8')).toBe('x');
  });
});
