// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are Transfer policy variables, not template literals
import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { SessionPolicy, substituteTransferVariables } from '../../src/identity/session-policy.js';
import type { EmulatorLogRecord } from '../../src/options.js';
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

describe('SessionPolicy: what IAM evaluates that the emulator once ignored', () => {
  const parse = (statement: object) =>
    SessionPolicy.parse(JSON.stringify({ Version: '2012-10-17', Statement: statement }));
  const allowAll = { Effect: 'Allow', Action: 's3:*', Resource: '*' };

  it('denies with NotResource: everything outside the home', () => {
    const policy = parse([
      allowAll,
      { Effect: 'Deny', Action: 's3:*Object', NotResource: 'arn:aws:s3:::bucket/home/alice/*' },
    ]);
    expect(policy.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'home/alice/a' })).toBe(true);
    expect(policy.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'home/bob/a' })).toBe(false);
  });

  it('denies with NotAction: everything but reading', () => {
    const policy = parse([allowAll, { Effect: 'Deny', NotAction: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }]);
    expect(policy.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'a' })).toBe(true);
    expect(policy.allows({ action: 's3:PutObject', bucket: 'bucket', key: 'a' })).toBe(false);
    expect(policy.allows({ action: 's3:DeleteObject', bucket: 'bucket', key: 'a' })).toBe(false);
  });

  it('evaluates StringNotLike and StringNotEquals, true when the key is absent, as IAM does', () => {
    const policy = parse([
      allowAll,
      {
        Effect: 'Deny',
        Action: 's3:ListBucket',
        Resource: '*',
        Condition: { StringNotLike: { 's3:prefix': 'home/alice/*' } },
      },
    ]);
    expect(policy.allows({ action: 's3:ListBucket', bucket: 'bucket', key: 'home/alice/' })).toBe(true);
    expect(policy.allows({ action: 's3:ListBucket', bucket: 'bucket', key: 'home/bob/' })).toBe(false);
    const noKey = parse([
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 's3:prefix': 'x/' } } },
    ]);
    expect(noKey.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'a' })).toBe(true); // no s3:prefix: passes
    const positive = parse([
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringLike: { 's3:prefix': '*' } } },
    ]);
    expect(positive.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'a' })).toBe(false); // no s3:prefix: fails
    const ifExists = parse([
      { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringLikeIfExists: { 's3:prefix': 'x/*' } } },
    ]);
    expect(ifExists.allows({ action: 's3:GetObject', bucket: 'bucket', key: 'a' })).toBe(true);
    expect(ifExists.allows({ action: 's3:ListBucket', bucket: 'bucket', key: 'y/' })).toBe(false);
  });

  it('refuses what it cannot evaluate instead of dropping it', () => {
    for (const [statement, reason] of [
      [{ ...allowAll, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }, /condition operator IpAddress/],
      [{ ...allowAll, Condition: { StringEquals: { 'aws:username': 'alice' } } }, /condition key aws:username/],
      [
        { ...allowAll, Condition: { 'ForAnyValue:StringLike': { 's3:prefix': 'a' } } },
        /condition operator ForAnyValue:StringLike/,
      ],
      [{ ...allowAll, Principal: '*' }, /a Principal/],
      [{ Effect: 'Allow', Action: 's3:*', NotAction: 's3:Get*', Resource: '*' }, /exactly one of Action and NotAction/],
      [{ Effect: 'Allow', Action: 's3:*' }, /exactly one of Resource and NotResource/],
    ] as const) {
      expect(() => parse([statement])).toThrow(reason);
    }
  });

  it('refuses such a login with 530 and says why in the log', async () => {
    const records: EmulatorLogRecord[] = [];
    const policy = JSON.stringify({
      Statement: [{ ...allowAll, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    });
    await using emulator = await startTestEmulator({
      idp: async () => ({ Role: ROLE, HomeDirectory: '/bucket/home/alice', Policy: policy }),
      logger: (record) => records.push(record),
    });
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.login('alice', 'wonderland')).code).toBe(530);
    } finally {
      control.close();
    }
    expect(records.find((r) => r.event === 'login')?.message).toMatch(
      /^denied: Policy is not a valid policy document: Policy: the condition operator IpAddress, which the emulator cannot evaluate/,
    );
  });
});
