// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are Transfer policy variables, not template literals
import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { SessionPolicy, substituteTransferVariables } from '../../src/identity/session-policy.js';
import { openControl } from '../support/raw-control.js';
import { ROLE, startTestEmulator } from '../support/test-emulator.js';

// The session policy from the Transfer Family user guide, plus a Deny to check that an explicit Deny wins.
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowListingOfUserFolder',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::${transfer:HomeBucket}',
      Condition: { StringLike: { 's3:prefix': ['${transfer:HomeFolder}/*', '${transfer:HomeFolder}'] } },
    },
    {
      Sid: 'HomeDirObjectAccess',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:GetObjectVersion'],
      Resource: 'arn:aws:s3:::${transfer:HomeDirectory}/*',
    },
    { Effect: 'Deny', Action: 's3:Delete*', Resource: 'arn:aws:s3:::${transfer:HomeDirectory}/keep/*' },
  ],
});

describe('SessionPolicy', () => {
  const policy = SessionPolicy.parse(
    substituteTransferVariables(POLICY, { userName: 'alice', homeDirectory: '/bucket/home/alice' }),
  );

  it('substitutes ${transfer:...} variables', () => {
    const text = substituteTransferVariables(
      '${transfer:UserName} ${transfer:HomeDirectory} ${transfer:HomeBucket} ${transfer:HomeFolder} ${transfer:Other}',
      {
        userName: 'alice',
        homeDirectory: '/bucket/home/alice',
      },
    );
    expect(text).toBe('alice bucket/home/alice bucket home/alice ${transfer:Other}');
  });

  it('allows only what a statement allows, and an explicit Deny wins', () => {
    expect(policy.allows({ action: 's3:ListBucket', bucket: 'bucket', key: 'home/alice/' })).toBe(true);
    expect(policy.allows({ action: 's3:ListBucket', bucket: 'bucket', key: 'home/bob/' })).toBe(false);
    expect(policy.allows({ action: 's3:ListBucket', bucket: 'other', key: 'home/alice/' })).toBe(false);
    expect(policy.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'home/alice/a.txt' })).toBe(true);
    expect(policy.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'home/alicex/a.txt' })).toBe(false);
    expect(policy.allows({ action: 's3:DeleteObject', bucket: 'bucket', key: 'home/alice/keep/a' })).toBe(false);
    expect(policy.allows({ action: 's3:PutObject', bucket: 'bucket', key: 'home/alice/keep/a' })).toBe(true);
  });

  it('rejects a statement without Effect', () => {
    expect(() => SessionPolicy.parse('{"Statement":[{"Action":"s3:*","Resource":"*"}]}')).toThrow(/Effect/);
  });
});

describe('session policy enforced over FTP', () => {
  it('limits list/get/put/delete to the mapped prefixes', async () => {
    await using emulator = await startTestEmulator({
      idp: async () => ({ Role: ROLE, HomeDirectory: '/bucket/home/alice', Policy: POLICY }),
    });
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.login('alice', 'wonderland')).code).toBe(230);
      expect((await control.send('MKD keep')).code).toBe(257);
      expect((await control.send('MFMT 20200101000000 nothing')).code).toBe(550);
      expect((await control.send('SIZE /bucket/shared/readme.txt')).text).toMatch(/^550 Access denied/);
      expect((await control.send('CWD /bucket/shared')).text).toMatch(/^550 Access denied/);
      expect((await control.send('STAT /bucket/shared')).text).toMatch(/^550 Access denied/);
      expect((await control.send('RNFR /bucket/shared/readme.txt')).text).toMatch(/^550 Access denied/);
      expect((await control.send('DELE /bucket/shared/readme.txt')).text).toMatch(/^550 Access denied/);
      expect((await control.send('STAT keep')).code).toBe(213);
    } finally {
      control.close();
    }
    const client = new Client(5000);
    try {
      await client.access({ host: emulator.host, port: emulator.port, user: 'alice', password: 'wonderland' });
      await client.uploadFrom(Readable.from([Buffer.from('mine')]), 'keep/a.txt');
      await client.uploadFrom(Readable.from([Buffer.from('mine')]), 'b.txt');
      expect((await client.list()).map((f) => f.name)).toEqual(['b.txt', 'keep']);
      await client.remove('b.txt');
      await expect(client.remove('keep/a.txt')).rejects.toMatchObject({ code: 550 });
      await expect(client.uploadFrom(Readable.from([Buffer.from('x')]), '/bucket/shared/x.txt')).rejects.toMatchObject({
        code: 550,
      });
      await expect(client.list('/bucket/shared')).rejects.toMatchObject({ code: 550 });
    } finally {
      client.close();
    }
  });
});
