// Transfer server settings the emulator reproduces: protocols, banners, the unresponsive timeout.
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmulatorOptionError } from '../../src/errors.js';
import { startEmulator } from '../../src/start-emulator.js';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

describe('protocols', () => {
  it('FTPS alone refuses a cleartext login and accepts one after AUTH TLS', async () => {
    await using emulator = await startTestEmulator({ protocols: ['FTPS'] });
    const plain = await openControl(emulator.host, emulator.port);
    try {
      expect((await plain.send('USER alice')).text).toBe('530 This server requires FTPS: send AUTH TLS first');
      expect((await plain.send('PASS wonderland')).code).toBe(530);
      expect((await plain.send('FEAT')).text).toContain(' AUTH TLS\r\n');
    } finally {
      plain.close();
    }
    const secure = await openControl(emulator.host, emulator.port);
    try {
      expect((await secure.send('AUTH TLS')).code).toBe(234);
      await secure.startTls(emulator.certificate);
      expect((await secure.login('alice', 'wonderland')).code).toBe(230);
    } finally {
      secure.close();
    }
  });

  it('FTP alone offers no AUTH TLS', async () => {
    await using emulator = await startTestEmulator({ protocols: ['FTP'] });
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.send('AUTH TLS')).code).toBe(502);
      expect((await control.login('alice', 'wonderland')).code).toBe(230);
    } finally {
      control.close();
    }
  });

  it('names a bad protocols option', async () => {
    for (const options of [{ protocols: ['SFTP'] }, { protocols: [] }, { protocols: ['FTP'], ftps: true }]) {
      await expect(
        startEmulator({ root: '/tmp', idp: async () => ({}), port: 0, ...options } as never),
      ).rejects.toSatisfy((error) => EmulatorOptionError.isInstance(error) && error.option === 'protocols');
    }
  });
});

describe('banners', () => {
  it('shows the pre-authentication banner in the greeting and the post-authentication one at login', async () => {
    await using emulator = await startTestEmulator({
      preAuthBanner: 'Authorized use only.\nSecond line',
      postAuthBanner: 'Welcome, files are kept 30 days.',
    });
    const raw = connect({ host: emulator.host, port: emulator.port });
    const greeting = await new Promise<string>((done) => {
      let text = '';
      raw.on('data', (chunk) => {
        text += chunk;
        if (/^220 /m.test(text)) done(text);
      });
    });
    raw.destroy();
    expect(greeting).toBe(
      '220-Authorized use only.\r\n Second line\r\n220 Service ready (closed-ftp transfer-emulator)\r\n',
    );
    const session = await openControl(emulator.host, emulator.port);
    try {
      expect((await session.login('alice', 'wonderland')).text).toBe(
        '230-Welcome, files are kept 30 days.\r\n230 User logged in, proceed',
      );
    } finally {
      session.close();
    }
  });
});

describe('unresponsive timeout', () => {
  it('aborts a transfer whose data connection moves nothing for unresponsiveTimeoutSeconds (idle timeout longer)', async () => {
    await using emulator = await startTestEmulator({ unresponsiveTimeoutSeconds: 1, idleTimeoutSeconds: 1800 });
    const control = await openControl(emulator.host, emulator.port);
    try {
      await control.login('alice', 'wonderland');
      const port = Number(/\|\|\|(\d+)\|/.exec((await control.send('EPSV')).text)![1]);
      const data = connect({ host: emulator.host, port });
      data.on('error', () => {});
      const started = performance.now();
      expect((await control.send('STOR silent.bin')).code).toBe(150);
      expect((await control.reply(5000)).code).toBe(426);
      expect(performance.now() - started).toBeGreaterThan(900);
      data.destroy();
    } finally {
      control.close();
    }
  });
});

describe('listing folders under a session policy', () => {
  const policy = (objects: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `arn:aws:s3:::bucket/home/alice/${objects}`,
        },
      ],
    });

  it('needs s3:GetObject on each folder object (Transfer HEADs them), not on bare prefixes', async () => {
    for (const [objects, withFolderObject, expected] of [
      ['*.txt', true, 550],
      ['*.txt', false, 226],
      ['*', true, 226],
    ] as const) {
      await using emulator = await startTestEmulator({
        idp: async () => ({
          Role: 'arn:aws:iam::111122223333:role/r',
          HomeDirectory: '/bucket/home/alice',
          Policy: policy(objects),
        }),
      });
      if (withFolderObject) await mkdir(join(emulator.root, 'bucket/home/alice/made-by-mkd'));
      // A folder that is only the prefix of a key needs no HeadObject, so no s3:GetObject either.
      await mkdir(join(emulator.root, 'bucket/home/alice/prefix-only'));
      await writeFile(join(emulator.root, 'bucket/home/alice/prefix-only/.transfer-emulator-implicit-folder'), '');
      await writeFile(join(emulator.root, 'bucket/home/alice/prefix-only/a.txt'), 'a');
      const control = await openControl(emulator.host, emulator.port);
      try {
        await control.login('alice', 'wonderland');
        const port = Number(/\|\|\|(\d+)\|/.exec((await control.send('EPSV')).text)![1]);
        const data = connect({ host: emulator.host, port });
        data.on('error', () => {});
        const first = await control.send('LIST');
        if (expected === 550)
          expect(first.text).toMatch(/^550 Access denied: .*s3:GetObject on bucket\/home\/alice\/made-by-mkd\//);
        else {
          expect(first.code).toBe(150);
          expect((await control.reply()).code).toBe(226);
        }
        data.destroy();
      } finally {
        control.close();
      }
    }
  });
});
