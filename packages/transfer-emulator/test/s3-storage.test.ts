import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../src/storage/s3-storage.js';
import { lftp } from './support/run-process.js';
import { startTestEmulator, type TestEmulator } from './support/test-emulator.js';

// s3rver: a local S3-compatible server from npm (speaks the S3 REST API, incl. multipart upload), a devDependency.
let s3: S3rver;
let s3Directory: string;
let emulator: TestEmulator;
let endpoint: string;
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

beforeAll(async () => {
  s3Directory = await mkdtemp(join(tmpdir(), 'transfer-emulator-s3-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Directory,
    configureBuckets: [{ name: 'bucket' }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  emulator = await startTestEmulator({ storage: { type: 's3', endpoint, credentials, region: 'us-east-1' } });
});

afterAll(async () => {
  await emulator?.close();
  await s3?.close();
  await rm(s3Directory, { recursive: true, force: true });
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

  it('serves lftp over S3 storage', async () => {
    const result = await lftp(
      `ftp://${emulator.host}:${emulator.port}`,
      'bob1',
      'builder',
      ['mkdir work', 'ls'],
      ['set ftp:ssl-allow no'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^d.* work\r?$/m);
  });

  it('reports a missing object as not found', async () => {
    const storage = new S3Storage({ endpoint, credentials });
    expect(await storage.stat('bucket', 'no/such/key')).toBeUndefined();
    await expect(storage.read('bucket', 'no/such/key')).rejects.toThrow(/not found/);
    await expect(storage.list('bucket', 'no/such')).rejects.toThrow(/no such folder/);
  });
});
