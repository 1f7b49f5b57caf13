// The data-placement attacks of issue 10, one test each, on both backends: the model-based test covers random
// sequences; these name the cases that once misplaced data.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client, FTPError } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../src/options.js';
import { type LocalS3, S3_CREDENTIALS, startLocalS3 } from '../support/s3-server.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3(['bucket']);
  // The S3 bucket holds what startTestEmulator puts in the local one.
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    credentials: S3_CREDENTIALS,
    forcePathStyle: true,
  });
  await client.send(
    new PutObjectCommand({ Bucket: 'bucket', Key: 'shared/readme.txt', Body: Buffer.from('shared file\n') }),
  );
  client.destroy();
});
afterAll(() => s3?.close());

async function s3Keys(): Promise<string[]> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    credentials: S3_CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    const page = await client.send(new ListObjectsV2Command({ Bucket: 'bucket' }));
    return (page.Contents ?? []).map((object) => object.Key!).sort();
  } finally {
    client.destroy();
  }
}

const upload = (client: Client, path: string, text: string) =>
  client.uploadFrom(Readable.from([Buffer.from(text)]), path);

async function download(client: Client, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  await client.downloadTo(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
    path,
  );
  return Buffer.concat(chunks).toString();
}

async function codeOf(promise: Promise<unknown>): Promise<number> {
  try {
    const response = (await promise) as { code: number };
    return response.code;
  } catch (error) {
    if (error instanceof FTPError) return error.code;
    throw error;
  }
}

const BACKENDS: Array<{ name: string; options: () => Partial<EmulatorOptions>; s3: boolean }> = [
  { name: 'local folder', options: () => ({}), s3: false },
  {
    name: 'S3',
    options: () => ({
      storage: { type: 's3', endpoint: s3.endpoint, credentials: S3_CREDENTIALS, region: 'us-east-1' },
    }),
    s3: true,
  },
];

describe.each(BACKENDS)('storage as S3 has it ($name)', (backend) => {
  let emulator: TestEmulator;
  const clients: Client[] = [];
  beforeAll(async () => {
    emulator = await startTestEmulator(backend.options());
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await emulator?.close();
  });

  async function login(user: string, password: string): Promise<Client> {
    const client = new Client(10_000);
    clients.push(client);
    await client.access({ host: emulator.host, port: emulator.port, user, password });
    client.availableListCommands = ['MLSD'];
    return client;
  }

  it('STOR sub/up.txt with no sub/ stores the object at sub/up.txt (not a file named sub)', async () => {
    const alice = await login('alice', 'wonderland');
    expect((await upload(alice, 'sub/up.txt', 'up')).code).toBe(226);
    expect(await download(alice, 'sub/up.txt')).toBe('up');
    expect((await alice.list()).find((entry) => entry.name === 'sub')?.isDirectory).toBe(true);
    if (!backend.s3) expect(statSync(join(emulator.root, 'bucket/home/alice/sub/up.txt')).isFile()).toBe(true);
    else expect(await s3Keys()).toContain('home/alice/sub/up.txt');
  });

  it('MKD a/b/c creates the whole path', async () => {
    const alice = await login('alice', 'wonderland');
    expect((await alice.send('MKD a/b/c')).code).toBe(257);
    expect((await alice.send('CWD a/b/c')).code).toBe(250);
    expect(await codeOf(alice.send('MKD /bucket/home/alice/a/b/c'))).toBe(550); // exists
    if (backend.s3) expect(await s3Keys()).toContain('home/alice/a/b/c/');
  });

  it('RNTO q1/q2/r.txt moves the object there and q1 is a folder', async () => {
    const alice = await login('alice', 'wonderland');
    await upload(alice, 'r.txt', 'r');
    expect((await alice.send('RNFR r.txt')).code).toBe(350);
    expect((await alice.send('RNTO q1/q2/r.txt')).code).toBe(250);
    expect(await download(alice, 'q1/q2/r.txt')).toBe('r');
    expect((await alice.send('CWD q1')).code).toBe(250);
    expect(await codeOf(alice.send('SIZE /bucket/home/alice/r.txt'))).toBe(550);
  });

  it('refuses MKD /newbucket/x: no user creates a bucket', async () => {
    const alice = await login('alice', 'wonderland');
    expect(await codeOf(alice.send('MKD /newbucket/x'))).toBe(550);
    expect(await codeOf(upload(alice, '/newbucket/y.txt', 'y'))).toBe(550);
    if (!backend.s3) expect(existsSync(join(emulator.root, 'newbucket'))).toBe(false);
  });

  it('stores a LOGICAL upload under a policy at its key before the folder exists, and the next upload works', async () => {
    const dave = await login('dave1', 'davepw');
    expect((await upload(dave, '/report.csv', 'a,b')).code).toBe(226);
    expect((await upload(dave, '/second.csv', 'c,d')).code).toBe(226);
    expect(await download(dave, '/report.csv')).toBe('a,b');
    if (!backend.s3) {
      expect(statSync(join(emulator.root, 'bucket/users')).isDirectory()).toBe(true);
      expect(statSync(join(emulator.root, 'bucket/users/dave1/report.csv')).isFile()).toBe(true);
    } else {
      expect(await s3Keys()).toEqual(expect.arrayContaining(['users/dave1/report.csv', 'users/dave1/second.csv']));
    }
    // Another user can still store in the bucket, and sees no object named `users`.
    const alice = await login('alice', 'wonderland');
    expect((await upload(alice, '/bucket/home/alice/after.txt', 'ok')).code).toBe(226);
    expect(await codeOf(alice.send('SIZE /bucket/users'))).toBe(550);
  });

  it('neither removes nor renames a LOGICAL entry, nor replaces it with a file', async () => {
    const bob = await login('bob1', 'builder');
    expect((await bob.send('RNFR /shared')).code).toBe(350);
    expect(await codeOf(bob.send('RNTO /mine'))).toBe(550);
    expect(await codeOf(bob.send('RMD /shared'))).toBe(550);
    expect(await codeOf(upload(bob, '/shared', 'x'))).toBe(550);
    expect(await download(bob, '/shared/readme.txt')).toBe('shared file\n');
    expect(await codeOf(bob.send('CWD /mine'))).toBe(550);
  });

  it('refuses a key through a file, and a folder made for a key alone goes with its last object', async () => {
    const alice = await login('alice', 'wonderland');
    await upload(alice, 'plain.txt', 'p');
    expect(await codeOf(upload(alice, 'plain.txt/inner', 'i'))).toBe(550);
    expect(await codeOf(alice.send('MKD plain.txt/dir'))).toBe(550);
    await upload(alice, 'tmp/only.txt', 'o');
    expect((await alice.send('DELE tmp/only.txt')).code).toBe(250);
    expect(await codeOf(alice.send('CWD tmp'))).toBe(550); // S3 has no tmp/ once its last key is gone
    expect((await alice.send('MKD kept')).code).toBe(257);
    await upload(alice, 'kept/x.txt', 'x');
    expect((await alice.send('DELE kept/x.txt')).code).toBe(250);
    expect((await alice.send('CWD kept')).code).toBe(250); // a folder made with MKD is a marker object: it stays
  });
});
