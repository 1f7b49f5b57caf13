import { closeSync, openSync, readSync, writev } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Bytes per file read of a download: few syscalls, and two such buffers per download are all it allocates. */
const READ_CHUNK = 1024 * 1024;
/**
 * A page-cache read of 1 MiB takes about a hundred microseconds, so downloads read synchronously (no thread-pool round
 * trip per chunk); one slower than this is the disk, and the rest of that download is read off the event loop.
 */
const SLOW_READ_MS = 20;
/** How much an upload gathers while a write runs before it pauses: past this the disk, not the socket, is behind. */
const GATHER_BYTES = 1024 * 1024;

/** A body that can send itself to a data connection faster than a pipe can (see {@link LocalFileBody.sendTo}). */
export interface SendsItself {
  sendTo(target: Writable): Promise<void>;
}

export function sendsItself(body: unknown): body is SendsItself {
  return typeof (body as Partial<SendsItself> | null)?.sendTo === 'function';
}

/**
 * A local file as a download body. As a Readable it works with any consumer; `sendTo` is the fast path to a socket:
 * two buffers used in turn (one read from the file while the other is written), where a stream allocates fresh
 * memory for every chunk and the kernel faults in and zeroes every page of it (a tenth of a download's CPU), and
 * reads on the event loop while they come from the page cache.
 */
export class LocalFileBody extends Readable implements SendsItself {
  readonly #file: FileHandle;
  #position = 0;
  #sending = false;

  constructor(file: FileHandle) {
    super({ highWaterMark: READ_CHUNK });
    this.#file = file;
  }

  override _read(): void {
    const buffer = Buffer.allocUnsafeSlow(READ_CHUNK);
    this.#file.read(buffer, 0, READ_CHUNK, this.#position).then(
      ({ bytesRead }) => {
        this.#position += bytesRead;
        this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead));
      },
      (error: Error) => this.destroy(error),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.#file.close().then(
      () => done(error),
      (closeError: Error) => done(error ?? closeError),
    );
  }

  /**
   * Writes the whole file to `target` and ends it; rejects when `target` fails or closes first. The caller listens
   * for `target`'s 'error' events (the session does on every data socket). A read slower than `slowReadMs` moves
   * the rest of the reads to the thread pool.
   */
  async sendTo(target: Writable, slowReadMs = SLOW_READ_MS): Promise<void> {
    if (this.#sending || this.readableDidRead) throw new Error('a download body is sent once, by one consumer');
    this.#sending = true;
    const buffers = [takeBuffer(), takeBuffer()] as const;
    let writing: Promise<void> | undefined;
    let slow = false;
    for (let turn = 0; ; turn ^= 1) {
      // This buffer's previous write was awaited before the other one's was started: it is free.
      const buffer = buffers[turn]!;
      let bytesRead: number;
      if (slow) ({ bytesRead } = await this.#file.read(buffer, 0, READ_CHUNK, this.#position));
      else {
        const started = performance.now();
        bytesRead = readSync(this.#file.fd, buffer, 0, READ_CHUNK, this.#position);
        slow = performance.now() - started > slowReadMs;
      }
      if (writing) await writing;
      if (bytesRead === 0) break;
      this.#position += bytesRead;
      writing = writeChunk(target, buffer.subarray(0, bytesRead));
      writing.catch(() => {}); // awaited on the next turn; until then a failure is not unhandled
    }
    // Every write has returned: the next download may use these. (After a failure they are left to the GC.)
    spareBuffers.push(...buffers.slice(0, MAX_SPARE_BUFFERS - spareBuffers.length));
    target.end();
    await finished(target, { readable: false });
  }
}

/** Download buffers no download is using: reused, so a download's memory is faulted in once, not every time. */
const spareBuffers: Buffer[] = [];
/** Two concurrent downloads' worth; more are allocated when needed and left to the GC afterwards. */
const MAX_SPARE_BUFFERS = 4;

function takeBuffer(): Buffer {
  return spareBuffers.pop() ?? Buffer.allocUnsafeSlow(READ_CHUNK);
}

/** One write, settled by its callback (the chunk is free again) or by the target closing without calling it. */
function writeChunk(target: Writable, chunk: Buffer): Promise<void> {
  return new Promise<void>((done, fail) => {
    const onClose = () => fail(new Error('data connection closed'));
    target.once('close', onClose);
    target.write(chunk, (error) => {
      target.removeListener('close', onClose);
      if (error) fail(error);
      else done();
    });
  });
}

/**
 * Writes `body` to a new file at `path` (exclusive create); resolves with the byte count once it is closed, rejects
 * (file left for the caller to remove) when `body` fails. What arrives while a write runs is gathered and written by
 * one writev on the thread pool, the body paused past 1 MiB: the event loop only reads the socket, so the client's
 * sends never wait on a full window while we copy, and the copy into the page cache never holds up other sessions.
 */
export function writeLocalFile(path: string, body: Readable): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      body.destroy();
      reject(error);
      return;
    }
    let bytes = 0;
    let failure: Error | undefined;
    let ended = false;
    let queue: Buffer[] = [];
    let queued = 0;
    let writing = false;
    const settle = (error?: Error) => {
      try {
        closeSync(fd);
      } catch (closeError) {
        error ??= closeError as Error;
      }
      if (error) reject(error);
      else resolve(bytes);
    };
    const fail = (error: Error) => {
      if (failure) return;
      failure = error;
      body.destroy();
      if (!writing) settle(failure); // else settled when the write in flight returns
    };
    const flush = () => {
      if (failure || writing) return;
      if (queue.length === 0) {
        if (ended) settle();
        return;
      }
      const chunks = queue;
      queue = [];
      queued = 0;
      writing = true;
      writevAll(fd, chunks).then(
        (written) => {
          writing = false;
          bytes += written;
          if (failure) return settle(failure);
          body.resume();
          flush();
        },
        (error: Error) => {
          writing = false;
          if (failure) settle(failure);
          else fail(error);
        },
      );
    };
    body.on('data', (chunk: Buffer) => {
      if (failure) return;
      queue.push(chunk);
      queued += chunk.length;
      if (queued >= GATHER_BYTES) body.pause();
      flush();
    });
    body.once('error', fail);
    body.once('close', () => {
      if (!body.readableEnded) fail(new Error('the upload body closed before its end'));
    });
    body.once('end', () => {
      ended = true;
      flush();
    });
  });
}

/** writev until every byte is written (a short write continues from where it stopped). */
async function writevAll(fd: number, chunks: Buffer[]): Promise<number> {
  let total = 0;
  const rest = chunks;
  while (rest.length > 0) {
    const written = await new Promise<number>((done, fail) =>
      writev(fd, rest, null, (error, count) => (error ? fail(error) : done(count))),
    );
    total += written;
    let skip = written;
    while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length;
    if (skip > 0) rest[0] = rest[0]!.subarray(skip);
  }
  return total;
}
