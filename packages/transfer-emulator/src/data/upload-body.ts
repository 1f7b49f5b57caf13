import { Readable } from 'node:stream';
import { InterruptedUploadError } from '../errors.js';

/**
 * How long a finished data connection waits for news of its control connection: a killed client's two sockets
 * close together, and the data connection's end may be read a moment before the control connection's.
 */
const CONTROL_GRACE_MS = 25;

export interface UploadBody {
  /** What storage reads: ends normally when the partial object is to be kept, fails when it is to be discarded. */
  body: Readable;
  /** True once the upload is known to be interrupted (data connection reset or aborted, or the client gone). */
  interrupted(): boolean;
}

/**
 * The bytes of one upload, and whether it was interrupted, as Transfer sees it: a data connection that fails
 * (reset, ABOR, idle timeout), or that ends while the control connection is gone, is an interrupted upload, after
 * which Transfer "might write a partial object" and logs PARTIAL_CLOSE. `keep` ends the body so storage commits
 * what arrived (if anything did); otherwise the body fails and storage keeps nothing.
 */
export function uploadBody(data: Readable, keep: boolean, controlGone: () => boolean): UploadBody {
  // A plain Readable fed from the socket's 'data' events: each chunk reaches storage in the same tick, with none of
  // a PassThrough's Writable half or pipe bookkeeping per 64 KiB read.
  const body = new Readable({
    highWaterMark: 1024 * 1024,
    read: () => {
      data.resume();
    },
  });
  let interrupted = false;
  let settled = false;
  let received = 0;
  const finish = (broken: boolean) => {
    if (settled) return;
    settled = true;
    interrupted = broken;
    // Nothing arrived, nothing to keep: as with a multipart upload that never got a part.
    if (broken && (!keep || received === 0))
      body.destroy(new InterruptedUploadError('the client interrupted the upload'));
    else body.push(null);
  };
  data.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (!body.push(chunk)) data.pause();
  });
  data.once('end', () => setTimeout(() => finish(controlGone()), CONTROL_GRACE_MS));
  data.once('error', () => finish(true));
  data.once('close', () => {
    if (!data.readableEnded) finish(true);
  });
  return { body, interrupted: () => interrupted };
}
