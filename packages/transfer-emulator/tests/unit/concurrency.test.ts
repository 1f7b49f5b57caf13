import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { startTestEmulator } from '../support/test-emulator.js';

describe('passive port matching', () => {
  it('100 simultaneous sessions from one address upload and list through nine data ports', async () => {
    await using emulator = await startTestEmulator({}, 9);
    const session = async (n: number) => {
      const client = new Client(20_000);
      try {
        await client.access({ host: emulator.host, port: emulator.port, user: 'alice', password: 'wonderland' });
        const body = `session ${n} `.repeat(1000 + n);
        await client.ensureDir(`s${n}`); // and cd into it: each session lists only its own folder
        await client.uploadFrom(Readable.from([Buffer.from(body)]), `file-${n}.txt`);
        const list = await client.list();
        return { n, list: list.map((f) => [f.name, f.size]), size: Buffer.byteLength(body) };
      } finally {
        client.close();
      }
    };
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) => session(n)));
    for (const { n, list, size } of results) {
      // Each session sees its own upload with its own size: no data connection went to another session.
      expect(list).toEqual([[`file-${n}.txt`, size]]);
    }
  }, 60_000);
});
