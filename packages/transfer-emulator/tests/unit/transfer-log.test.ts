// Transfer-format logs: real FTP sessions (basic-ftp, raw sockets), and the CloudWatch metric filters users alarm on,
// evaluated over the records the way CloudWatch Logs would (@closed-ftp/test-support/metric-filter).
import { connect } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { countMatches } from '@closed-ftp/test-support/metric-filter';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { TRANSFER_ACTIVITY_TYPES, type TransferLogRecord } from '../../src/transfer-log.js';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const ARN = 'arn:aws:transfer:us-east-1:000000000000:server/s-0123456789abcdef0';

/** The records as CloudWatch Logs stores them: one JSON text per event. */
const lines = (records: TransferLogRecord[]) => records.map((record) => JSON.stringify(record));

async function login(port: number, user: string, password: string): Promise<Client> {
  const client = new Client(10_000);
  await client.access({ host: '127.0.0.1', port, user, password });
  return client;
}

describe('transferLogger', () => {
  it("writes AWS's records for a session that logs in, uploads, downloads, changes files and leaves", async () => {
    const records: TransferLogRecord[] = [];
    await using emulator = await startTestEmulator({ transferLogger: (record) => records.push(record) });
    const client = await login(emulator.port, 'alice', 'wonderland');
    try {
      await client.uploadFrom(Readable.from([Buffer.from('0123456789')]), 'up.txt');
      await client.downloadTo(new PassThrough().resume(), 'up.txt');
      await client.send('MKD sub');
      await client.rename('up.txt', 'moved.txt');
      await client.remove('moved.txt');
      await client.removeDir('sub');
    } finally {
      client.close();
    }
    for (let i = 0; i < 50 && !records.some((r) => r['activity-type'] === 'DISCONNECTED'); i++) await pause(20);

    const session = records[0]!['session-id'];
    expect(session).toMatch(/^[0-9a-f]{16}$/); // like AWS's 9ca9a0e1cec6ad9d
    expect(records.every((r) => r['session-id'] === session && r['resource-arn'] === ARN)).toBe(true);
    expect(records.map((r) => r['activity-type'])).toEqual([
      'CONNECTED',
      'OPEN',
      'CLOSE',
      'OPEN',
      'CLOSE',
      'MKDIR',
      'RENAME',
      'DELETE',
      'RMDIR',
      'DISCONNECTED',
    ]);
    expect(records[0]).toEqual({
      role: 'arn:aws:iam::111122223333:role/transfer-user',
      'activity-type': 'CONNECTED',
      'source-ip': '127.0.0.1',
      'resource-arn': ARN,
      'home-dir': '/bucket/home/alice',
      user: 'alice',
      'session-id': session,
    });
    // AWS's examples, field for field and in order: the upload's OPEN and CLOSE (bytes as a string).
    expect(JSON.stringify(records[1])).toBe(
      JSON.stringify({
        mode: 'CREATE|TRUNCATE|WRITE',
        path: '/bucket/home/alice/up.txt',
        'activity-type': 'OPEN',
        'resource-arn': ARN,
        'session-id': session,
      }),
    );
    expect(JSON.stringify(records[2])).toBe(
      JSON.stringify({
        path: '/bucket/home/alice/up.txt',
        'activity-type': 'CLOSE',
        'resource-arn': ARN,
        'bytes-in': '10',
        'session-id': session,
      }),
    );
    expect(records[3]).toMatchObject({ mode: 'READ', path: '/bucket/home/alice/up.txt' });
    expect(records[4]).toMatchObject({ 'activity-type': 'CLOSE', 'bytes-out': '10' });
    expect(records[6]).toMatchObject({ 'activity-type': 'RENAME', path: '/bucket/home/alice/up.txt' });
    expect(records.at(-1)).toEqual({ 'activity-type': 'DISCONNECTED', 'resource-arn': ARN, 'session-id': session });
    for (const record of records) expect(TRANSFER_ACTIVITY_TYPES).toContain(record['activity-type']);

    expect(countMatches('{ $.activity-type = "CLOSE" && $.bytes-in = "10" }', lines(records))).toBe(1);
    expect(countMatches('{ $.activity-type = "AUTH_FAILURE" }', lines(records))).toBe(0);
  });

  it('counts failed logins with the AUTH_FAILURE metric filter, and never logs a password', async () => {
    const records: TransferLogRecord[] = [];
    await using emulator = await startTestEmulator({
      transferLogger: (record) => records.push(record),
      loginFailureDelayMs: 0,
    });
    const passwords = ['wrong-"pass\\word', 'hunter%22two', 'tab\there'];
    for (const password of passwords) {
      await expect(login(emulator.port, 'alice', password)).rejects.toThrow(/530/);
    }
    await expect(login(emulator.port, 'nobody', 'x')).rejects.toThrow(/530/);
    (await login(emulator.port, 'bob1', 'builder')).close();
    await pause(100);

    const text = lines(records);
    expect(countMatches('{ $.activity-type = "AUTH_FAILURE" }', text)).toBe(4);
    expect(countMatches('{ $.activity-type = "AUTH_FAILURE" && $.user = "alice" }', text)).toBe(3);
    expect(countMatches('{ $.activity-type = "CONNECTED" && $.home-dir = "/" }', text)).toBe(1); // bob1: LOGICAL
    expect(records.find((r) => r['activity-type'] === 'AUTH_FAILURE')).toMatchObject({
      'source-ip': '127.0.0.1',
      user: 'alice',
      method: 'password',
      message: 'no Role in response',
    });
    const all = text.join('\n');
    for (const secret of [...passwords, 'hunter"two', 'wonderland', 'builder']) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
  });

  it('logs an interrupted upload as PARTIAL_CLOSE, a refused one as ERROR, and why a session ended', async () => {
    const records: TransferLogRecord[] = [];
    await using emulator = await startTestEmulator({
      transferLogger: (record) => records.push(record),
      maxLoginFailures: 1,
    });
    const control = await openControl(emulator.host, emulator.port);
    try {
      await control.login('alice', 'wonderland');
      const port = Number(/\|\|\|(\d+)\|/.exec((await control.send('EPSV')).text)![1]);
      const data = connect({ host: emulator.host, port });
      await new Promise((done) => data.once('connect', done));
      expect((await control.send('STOR part.bin')).code).toBe(150);
      data.write(Buffer.alloc(10_000, 7));
      await pause(200);
      data.resetAndDestroy();
      expect((await control.reply()).code).toBe(426);
    } finally {
      control.close();
    }
    const dave = await login(emulator.port, 'dave1', 'davepw');
    try {
      await dave.uploadFrom(Readable.from([Buffer.from('x')]), 'keep/a.txt');
      await expect(dave.remove('keep/a.txt')).rejects.toThrow(/550/); // the policy denies deletes under keep/
    } finally {
      dave.close();
    }
    const denied = await openControl(emulator.host, emulator.port);
    await denied.send('USER alice');
    await denied.send('PASS nope');
    await denied.reply().catch(() => undefined);
    denied.close();
    await pause(200);

    const text = lines(records);
    expect(countMatches('{ $.activity-type = "PARTIAL_CLOSE" }', text)).toBe(1);
    expect(records.find((r) => r['activity-type'] === 'PARTIAL_CLOSE')).toMatchObject({
      path: '/bucket/home/alice/part.bin',
      'bytes-in': '10000',
    });
    expect(countMatches('{ $.activity-type = "ERROR" }', text)).toBe(1);
    expect(records.find((r) => r['activity-type'] === 'ERROR')?.message).toMatch(
      /^Access denied: the session policy does not allow s3:DeleteObject on bucket\/users\/dave1\/keep\/a\.txt$/,
    );
    expect(countMatches('{ $.activity-type = "EXIT_REASON" && $.message = "Too many failed logins*" }', text)).toBe(1);
    // Every record is one that CloudWatch's metric filters can read: a JSON object with an activity type.
    expect(countMatches('{ $.activity-type NOT EXISTS }', text)).toBe(0);
  });

  it('refuses a transferLogger that is not a function, by name', async () => {
    await expect(startTestEmulator({ transferLogger: 'stdout' as never })).rejects.toThrow(
      /^transferLogger: expected a function receiving one record per event$/,
    );
  });
});
