import { Transform } from 'node:stream';

/** A pass-through that counts bytes without switching its source to flowing mode early. */
export function byteCounter(onBytes: (count: number) => void): Transform {
  return new Transform({
    highWaterMark: 256 * 1024,
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}
