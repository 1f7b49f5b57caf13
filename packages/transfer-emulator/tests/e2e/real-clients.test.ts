import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { useTempDir } from '@closed-ftp/test-support';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lftp, runProcess } from '../support/run-process.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

let emulator: TestEmulator;
const temp = useTempDir('transfer-emulator-client');
let work: string;
let url: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ ftps: true });
  url = `ftp://${emulator.host}:${emulator.port}`;
  work = temp.path;
});
afterAll(async () => {
  await emulator.close();
});

async function connectBasicFtp(user: string, password: string, secure = false): Promise<Client> {
  const client = new Client(5000);
  await client.access({
    host: emulator.host,
    port: emulator.port,
    user,
    password,
    secure,
    secureOptions: { ca: emulator.certificate, servername: 'localhost' },
  });
  return client;
}

async function download(client: Client, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await client.downloadTo(sink, path);
  return Buffer.concat(chunks).toString();
}

describe('basic-ftp', () => {
  it('logs in with a PATH home, makes a folder, uploads, renames, downloads, deletes', async () => {
    const client = await connectBasicFtp('alice', 'wonderland');
    try {
      expect(await client.pwd()).toBe('/bucket/home/alice');
      await client.ensureDir('reports');
      await client.uploadFrom(Readable.from([Buffer.from('quarterly numbers')]), 'q1.txt');
      await client.rename('q1.txt', 'q1-final.txt');
      expect((await client.list()).map((f) => [f.name, f.size])).toEqual([['q1-final.txt', 17]]);
      expect(await download(client, 'q1-final.txt')).toBe('quarterly numbers');
      expect(await client.size('q1-final.txt')).toBe(17);
      expect(existsSync(join(emulator.root, 'bucket/home/alice/reports/q1-final.txt'))).toBe(true);
      await client.remove('q1-final.txt');
      await client.cdup();
      await client.removeDir('reports');
      expect((await client.list()).map((f) => f.name)).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('shows LOGICAL home directories and keeps the user inside them', async () => {
    const client = await connectBasicFtp('bob1', 'builder');
    try {
      expect(await client.pwd()).toBe('/');
      expect((await client.list()).map((f) => [f.name, f.isDirectory])).toEqual([['shared', true]]);
      expect(await download(client, '/shared/readme.txt')).toBe('shared file\n');
      await client.uploadFrom(Readable.from([Buffer.from('x')]), '../../../escape.txt');
      expect(existsSync(join(emulator.root, 'bucket/home/bob1/escape.txt'))).toBe(true);
      await client.cd('..');
      expect(await client.pwd()).toBe('/');
    } finally {
      client.close();
    }
  });

  it('answers 530 to a wrong password', async () => {
    await expect(connectBasicFtp('alice', 'wrong')).rejects.toMatchObject({ code: 530 });
  });

  it('moves data over FTPS with PROT P', async () => {
    const client = await connectBasicFtp('alice', 'wonderland', true);
    try {
      await client.uploadFrom(Readable.from([Buffer.from('secret stuff')]), 'tls.txt');
      expect(await download(client, 'tls.txt')).toBe('secret stuff');
      await client.remove('tls.txt');
    } finally {
      client.close();
    }
  });
});

describe('curl', () => {
  it('lists, uploads and downloads', async () => {
    const file = join(work, 'curl-up.txt');
    await writeFile(file, 'from curl\n');
    const put = await runProcess('curl', [
      '-sS',
      '--max-time',
      '10',
      '-T',
      file,
      `${url}/curl-up.txt`,
      '-u',
      'alice:wonderland',
    ]);
    expect(put.code, put.stderr).toBe(0);
    const list = await runProcess('curl', ['-sS', '--max-time', '10', `${url}/`, '-u', 'alice:wonderland']);
    expect(list.stdout).toMatch(/^-rw-r--r-- .* curl-up\.txt\r?$/m);
    const get = await runProcess('curl', ['-sS', '--max-time', '10', `${url}/curl-up.txt`, '-u', 'alice:wonderland']);
    expect(get.stdout).toBe('from curl\n');
  });

  it('exits 67 when the IdP denies the login', async () => {
    const result = await runProcess('curl', ['-sS', '--max-time', '10', `${url}/`, '-u', 'alice:nope']);
    expect(result.code).toBe(67);
  });

  it('lists over FTPS with PROT P, resuming the TLS session for data', async () => {
    const certificate = join(work, 'emulator.pem');
    await writeFile(certificate, emulator.certificate!);
    const args = ['-sS', '--max-time', '10', '--ssl-reqd', '--cacert', certificate, '-u', 'alice:wonderland'];
    const list = await runProcess('curl', [...args, `ftp://localhost:${emulator.port}/`]);
    expect(list.code, list.stderr).toBe(0);
    // Without session reuse the data connection is refused: TlsSessionResumptionMode ENFORCED.
    const fresh = await runProcess('curl', [...args, '--no-sessionid', `ftp://localhost:${emulator.port}/`]);
    expect(fresh.code).toBe(18);
    expect(fresh.stderr).toContain('522');
  });
});

describe('lftp', () => {
  it('does ls, mkdir, put, get, mv, rm, rmdir', async () => {
    const file = join(work, 'lftp-up.txt');
    await writeFile(file, 'from lftp\n');
    const result = await lftp(
      url,
      'alice',
      'wonderland',
      [
        'mkdir box',
        `put ${file} -o box/a.txt`,
        'mv box/a.txt box/b.txt',
        `get box/b.txt -o ${join(work, 'lftp-down.txt')}`,
        'ls box',
        'rm box/b.txt',
        'rmdir box',
        'ls',
      ],
      ['set ftp:ssl-allow no'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/b\.txt/);
    expect(await readFile(join(work, 'lftp-down.txt'), 'utf8')).toBe('from lftp\n');
    expect(existsSync(join(emulator.root, 'bucket/home/alice/box'))).toBe(false);
  });

  it('uses FTPS with PROT P and session resumption', async () => {
    const result = await lftp(
      url,
      'bob1',
      'builder',
      ['cd shared', 'cat readme.txt'],
      ['set ftp:ssl-force yes', 'set ftp:ssl-protect-data yes', 'set ssl:verify-certificate no'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('shared file\n');
  });
});

describe('TLS session resumption modes', () => {
  it.each(['ENABLED', 'DISABLED'] as const)('%s accepts a data connection that does not resume', async (mode) => {
    await using modal = await startTestEmulator({ ftps: true, tlsSessionResumption: mode });
    const certificate = join(work, `ca-${mode}.pem`);
    await writeFile(certificate, modal.certificate!);
    const result = await runProcess('curl', [
      '-sS',
      '--max-time',
      '10',
      '--ssl-reqd',
      '--cacert',
      certificate,
      '--no-sessionid',
      '-u',
      'alice:wonderland',
      `ftp://localhost:${modal.port}/`,
    ]);
    expect(result.code, result.stderr).toBe(0);
  });
});
