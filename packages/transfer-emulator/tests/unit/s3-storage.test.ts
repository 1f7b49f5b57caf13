import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/storage/s3-storage.js';
import { S3_CREDENTIALS as credentials, type LocalS3, startLocalS3 } from '../support/s3-server.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

let s3: LocalS3;
let emulator: TestEmulator;
let endpoint: string;

beforeAll(async () => {
  s3 = await startLocalS3();
  endpoint = s3.endpoint;
  emulator = await startTestEmulator({ storage: { type: 's3', endpoint, credentials, region: 'us-east-1' } });
});

afterAll(async () => {
  await emulator?.close();
  await s3?.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('S3 storage through an S3-compatible server', () => {
  it('uploads (multipart), lists, downloads, renames and deletes through basic-ftp', async () => {
    const client = new Client(20_000);
    const body = randomBytes(20 * 1024 * 1024 + 123); // three 8 MiB parts
    try {
      await client.access({ host: emulator.host, port: emulator.port, user: 'alice', password: 'wonderland' });
      expect(await client.pwd()).toBe('/bucket/home/alice');
      await client.uploadFrom(Readable.from([body]), 'big.bin');
      await client.send('MKD docs');
      const list = await client.list();
      expect(list.map((f) => [f.name, f.isDirectory, f.isDirectory ? 0 : f.size])).toEqual([
        ['big.bin', false, body.length],
        ['docs', true, 0],
      ]);
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      await client.downloadTo(sink, 'big.bin');
      expect(sha256(Buffer.concat(chunks))).toBe(sha256(body));
      await client.rename('big.bin', 'docs/moved.bin');
      expect((await client.list('docs')).map((f) => f.name)).toEqual(['moved.bin']);
      await client.remove('docs/moved.bin');
      await client.removeDir('docs');
      expect(await client.list()).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('reports a missing object as not found', async () => {
    const storage = new S3Storage({ endpoint, credentials });
    expect(await storage.stat('bucket', 'no/such/key')).toBeUndefined();
    await expect(storage.read('bucket', 'no/such/key')).rejects.toThrow(/not found/);
    await expect(storage.list('bucket', 'no/such')).rejects.toThrow(/no such folder/);
  });
});
