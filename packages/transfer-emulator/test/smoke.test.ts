import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from './support/test-emulator.js';

describe('smoke', () => {
  it('logs in, uploads, lists, downloads with basic-ftp', async () => {
    const emulator = await startTestEmulator();
    const client = new Client(5000);
    try {
      await client.access({ host: emulator.host, port: emulator.port, user: 'alice', password: 'wonderland' });
      expect(await client.pwd()).toBe('/bucket/home/alice');
      await client.uploadFrom(Readable.from([Buffer.from('hello')]), 'hello.txt');
      const list = await client.list();
      expect(list.map((f) => [f.name, f.size])).toEqual([['hello.txt', 5]]);
      const chunks: Buffer[] = [];
      await client.downloadTo(
        new Writable({
          write(c, _e, cb) {
            chunks.push(c);
            cb();
          },
        }),
        'hello.txt',
      );
      expect(Buffer.concat(chunks).toString()).toBe('hello');
    } finally {
      client.close();
      await emulator.close();
    }
  });
});
