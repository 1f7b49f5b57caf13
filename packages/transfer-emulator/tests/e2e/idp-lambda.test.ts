import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTempDir } from '@closed-ftp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, stopCli } from '../support/cli-process.js';
import { runProcess } from '../support/run-process.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

// The repository's own IdP Lambda handler, loaded by module path as the CLI does, reading a local secret file.
const handlerModule = createRequire(import.meta.url).resolve('@closed-ftp/idp-lambda');
const SERVER = 's-0123456789abcdef0';
const ROLE = 'arn:aws:iam::111122223333:role/transfer-user';
let emulator: TestEmulator;
const temp = useTempDir('transfer-emulator-idp');
let work: string;
let url: string;
const saved = process.env.USER_STORE_FILE;

beforeAll(async () => {
  work = temp.path;
  const secrets = {
    [`aws/transfer/${SERVER}/alice`]: {
      Password: 'wonderland',
      Role: ROLE,
      HomeDirectoryDetails: [{ Entry: '/', Target: '/bucket/home/alice' }],
    },
    [`aws/transfer/${SERVER}/carol`]: {
      Password: 'carolpw',
      Role: ROLE,
      HomeDirectory: '/bucket/home/alice',
      AllowedSourceCidrs: ['10.0.0.0/8'],
    },
    [`aws/transfer/${SERVER}/dave1`]: { Password: 'davepw', Role: ROLE, HomeDirectory: '/bucket', Disabled: true },
    [`aws/transfer/${SERVER}/erin1`]: {
      Password: 'erinpw',
      Role: ROLE,
      HomeDirectory: '/bucket/shared',
      AllowedProtocols: ['FTPS'],
    },
  };
  await writeFile(join(work, 'users.json'), JSON.stringify(secrets));
  process.env.USER_STORE_FILE = join(work, 'users.json');
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR'; // the handler's own login logs are not what this test reads
  process.env.POWERTOOLS_METRICS_DISABLED = 'true'; // nor its metric lines, which would fill the suite's output
  emulator = await startTestEmulator({ idp: handlerModule, serverId: SERVER, ftps: true });
  url = `ftp://${emulator.host}:${emulator.port}`;
});

afterAll(async () => {
  await emulator?.close();
  if (saved === undefined) delete process.env.USER_STORE_FILE;
  else process.env.USER_STORE_FILE = saved;
});

const curl = (user: string, path = '/', extra: string[] = []) =>
  runProcess('curl', ['-sS', '--max-time', '10', ...extra, '-u', user, `${url}${path}`]);

describe('@closed-ftp/idp-lambda handler as the identity provider', () => {
  it('logs alice into her logical home (secret in the official template format) and moves a file', async () => {
    const file = join(work, 'hello.txt');
    await writeFile(file, 'hello from alice\n');
    expect((await curl('alice:wonderland', '/hello.txt', ['-T', file])).code).toBe(0);
    const list = await curl('alice:wonderland', '/');
    expect(list.stdout).toMatch(/hello\.txt/);
    expect((await curl('alice:wonderland', '/hello.txt')).stdout).toBe('hello from alice\n');
  });

  it('denies a wrong password, an unknown user, a source outside AllowedSourceCidrs and a disabled user (curl 67)', async () => {
    for (const user of ['alice:nope', 'nobody:x', 'carol:carolpw', 'dave1:davepw']) {
      expect((await curl(user)).code, user).toBe(67);
    }
  });

  it('passes the protocol: an FTPS-only user is denied over FTP and allowed over FTPS', async () => {
    expect((await curl('erin1:erinpw')).code).toBe(67);
    const certificate = join(work, 'ca.pem');
    await writeFile(certificate, emulator.certificate!);
    const secure = await runProcess('curl', [
      '-sS',
      '--max-time',
      '10',
      '--ssl-reqd',
      '--cacert',
      certificate,
      '-u',
      'erin1:erinpw',
      `ftp://localhost:${emulator.port}/`,
    ]);
    expect(secure.code, secure.stderr).toBe(0);
    expect(secure.stdout).toMatch(/readme\.txt/);
  });

  it('is found by package name with --idp @closed-ftp/idp-lambda, resolved from the folder the CLI runs in', async () => {
    // This package's folder, where npm (here pnpm) installed @closed-ftp/idp-lambda: what a user's project looks like.
    const project = fileURLToPath(new URL('../..', import.meta.url));
    const { child, first } = await startCli(emulator.root, '@closed-ftp/idp-lambda', ['--server-id', SERVER], project);
    try {
      const port = /:(\d+) /.exec(first)![1];
      const list = await runProcess('curl', [
        '-sS',
        '--max-time',
        '10',
        '-u',
        'alice:wonderland',
        `ftp://127.0.0.1:${port}/`,
      ]);
      expect(list.code, list.stderr).toBe(0);
      expect(
        (await runProcess('curl', ['-sS', '--max-time', '10', '-u', 'alice:nope', `ftp://127.0.0.1:${port}/`])).code,
      ).toBe(67);
    } finally {
      expect(await stopCli(child)).toBe(0);
    }
  });
});
