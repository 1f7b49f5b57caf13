import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { putUserSecret } from '../../src/cli/user-secret.js';
import {
  authenticate,
  InMemoryUserStore,
  UserSecretError,
  UserSecretNotAnObjectError,
  UserSecretOverriddenPasswordError,
} from '../../src/index.js';
import { ROLE, SERVER_ID, secretName } from '../support/fixtures.js';

const CLI = fileURLToPath(new URL('../../dist/cli/closed-ftp-user.js', import.meta.url));

const AWS_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDFAKE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
};

function run(args: string[], fake: FakeSecretsManager | undefined, stdin = '', env: NodeJS.ProcessEnv = AWS_ENV) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const endpoint = fake === undefined ? [] : ['--endpoint-url', fake.endpoint];
    const child = spawn(process.execPath, [CLI, ...args, ...endpoint], {
      // HOME points nowhere: no ~/.aws/config of the machine may supply a region.
      env: {
        PATH: process.env.PATH,
        HOME: '/nonexistent',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('closed-ftp-user against FakeSecretsManager', () => {
  let fake: FakeSecretsManager;
  beforeAll(async () => {
    fake = await FakeSecretsManager.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.secrets.clear());

  const stored = (user: string) => JSON.parse(fake.secrets.get(secretName(user))!.secretString);

  it('creates a user with a hashed password from stdin, and the IdP then allows exactly that password', async () => {
    const result = await run(
      [
        'put',
        'alice',
        '--server-id',
        SERVER_ID,
        '--role',
        ROLE,
        '--password-stdin',
        '--map',
        '/=/bucket/alice',
        '--map',
        '/logs=/bucket/logs/date=2026',
        '--allowed-cidr',
        '10.0.0.0/8',
      ],
      fake,
      'Tr0ub4dor&3\n',
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Created user alice');
    expect(result.stdout + result.stderr).not.toContain('Tr0ub4dor&3');
    // The CLI itself turns off the SDK's Node 22 notice (on Node 20 it would print once per run).
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning/);
    const secret = stored('alice');
    expect(secret).toMatchObject({ Role: ROLE, HomeDirectoryType: 'LOGICAL', AllowedSourceCidrs: ['10.0.0.0/8'] });
    expect(JSON.parse(secret.HomeDirectoryDetails)).toEqual([
      { Entry: '/', Target: '/bucket/alice' },
      { Entry: '/logs', Target: '/bucket/logs/date=2026' },
    ]);
    expect(secret.PasswordHash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(secret.Password).toBeUndefined();
    expect(result.stdout).not.toContain(secret.PasswordHash.split('$')[4]);

    const userStore = new InMemoryUserStore({
      [secretName('alice')]: fake.secrets.get(secretName('alice'))!.secretString,
    });
    const event = {
      username: 'alice',
      password: 'Tr0ub4dor&3',
      protocol: 'FTP',
      serverId: SERVER_ID,
      sourceIp: '10.9.9.9',
    };
    expect((await authenticate(event, { userStore })).allowed).toBe(true);
    expect((await authenticate({ ...event, password: 'Tr0ub4dor&4' }, { userStore })).allowed).toBe(false);
  });

  it('updates only what is given and keeps the other keys (official-template keys included)', async () => {
    fake.put(secretName('bob'), {
      Password: 'old',
      Role: ROLE,
      PublicKey: 'ssh-ed25519 AAAA bob',
      HomeDirectory: '/b/bob',
    });
    const result = await run(
      ['put', 'bob', '--server-id', SERVER_ID, '--allowed-protocol', 'ftps', '--disable', '--json'],
      fake,
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      created: false,
      credential: 'plain-password',
      publicKeys: 1,
      disabled: true,
      allowedProtocols: ['FTPS'],
    });
    expect(result.stdout).not.toContain('old');
    expect(stored('bob')).toEqual({
      Password: 'old',
      Role: ROLE,
      PublicKey: 'ssh-ed25519 AAAA bob',
      HomeDirectory: '/b/bob',
      AllowedProtocols: ['FTPS'],
      Disabled: true,
    });
  });

  it('generates a password, prints it once, and stores only its hash (argon2id on request)', async () => {
    const result = await run(
      [
        'put',
        'carol',
        '--server-id',
        SERVER_ID,
        '--role',
        ROLE,
        '--generate-password',
        '--algorithm',
        'argon2id',
        '--json',
      ],
      fake,
    );
    expect(result.code).toBe(0);
    const { generatedPassword } = JSON.parse(result.stdout);
    expect(generatedPassword).toMatch(/^[\w-]{32}$/);
    expect(fake.secrets.get(secretName('carol'))!.secretString).not.toContain(generatedPassword);
    expect(stored('carol').PasswordHash).toMatch(/^\$argon2id\$v=19\$/);
  });

  it('shows a user without secret values', async () => {
    fake.put(secretName('dave'), {
      Password: 'hunter2-secret',
      Role: ROLE,
      HomeDirectoryDetails: '[{"Entry":"/","Target":"/b/d"}]',
    });
    const result = await run(['show', 'dave', '--server-id', SERVER_ID], fake);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plain-password');
    expect(result.stdout).toContain('/b/d');
    expect(result.stdout).toContain('arn:aws:secretsmanager');
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
  });

  it('exit 3 for an unknown user, 2 for bad usage or an invalid record, each with a clear message', async () => {
    expect(await run(['show', 'nobody', '--server-id', SERVER_ID], fake)).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('no user nobody'),
    });
    expect(await run(['put', 'erin', '--server-id', 's-1'], fake)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--server-id'),
    });
    expect(await run(['put', 'erin', '--server-id', SERVER_ID], fake)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role'),
    });
    const badCidr = await run(
      ['put', 'erin', '--server-id', SERVER_ID, '--role', ROLE, '--allowed-cidr', '10.0.0.0/99'],
      fake,
    );
    expect(badCidr).toMatchObject({ code: 2, stderr: expect.stringContaining('AllowedSourceCidrs') });
    expect(fake.secrets.has(secretName('erin'))).toBe(false);
    expect(await run(['frobnicate', 'erin'], fake)).toMatchObject({ code: 2 });
    expect(await run(['put', 'erin', '--server-id', SERVER_ID, '--bogus'], fake)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--bogus'),
    });
  });

  it('exit 2 for a secret name template the IdP could not read, before any call', async () => {
    const calls = fake.calls.length;
    const result = await run(
      ['put', 'erin', '--server-id', SERVER_ID, '--role', ROLE, '--secret-name-template', 'ftp/{server}/{username}'],
      fake,
    );
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('--secret-name-template') });
    expect(result.stderr).toContain('{serverId} and {username}');
    expect(fake.calls.length).toBe(calls);
  });

  it('exit 1 when Secrets Manager fails', async () => {
    fake.fail({
      kind: 'error',
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform this operation',
    });
    const result = await run(['show', 'alice', '--server-id', SERVER_ID], fake);
    fake.clearFaults();
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('not authorized') });
  });
});

describe('closed-ftp-user follows the CLI convention', () => {
  it('--version prints the package version; no arguments print the usage on stderr and exit 2', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(await run(['--version'], undefined)).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    const bare = await run([], undefined);
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toContain('Usage:');
    expect((await run(['-h'], undefined)).stdout).toContain('--version');
  });

  it('a missing region is one line naming AWS_REGION and --region, before any progress line', async () => {
    const { AWS_REGION: _, ...noRegion } = AWS_ENV;
    const put = await run(
      ['put', 'alice', '--server-id', SERVER_ID, '--role', ROLE, '--password-stdin'],
      undefined,
      'pw-123456\n',
      noRegion,
    );
    expect(put.code).toBe(2);
    expect(put.stderr).toBe('closed-ftp-user: no AWS region: set AWS_REGION or pass --region <region>\n');
    const show = await run(['show', 'alice', '--server-id', SERVER_ID], undefined, '', noRegion);
    expect(show).toMatchObject({ code: 2, stderr: put.stderr });
  });
});

describe('closed-ftp-user progress lines', () => {
  let fake: FakeSecretsManager;
  beforeAll(async () => {
    fake = await FakeSecretsManager.start();
  });
  afterAll(() => fake.close());

  it('no progress line before --role and the record are checked', async () => {
    const noRole = await run(['put', 'frank', '--server-id', SERVER_ID, '--password-stdin'], fake, 'pw-123456\n');
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toBe(
      'closed-ftp-user: a new user needs --role <IAM role ARN>\nRun closed-ftp-user --help for usage.\n',
    );
    const badCidr = await run(
      ['put', 'frank', '--server-id', SERVER_ID, '--role', ROLE, '--password-stdin', '--allowed-cidr', '10.0.0.0/99'],
      fake,
      'pw-123456\n',
    );
    expect(badCidr.code).toBe(2);
    expect(badCidr.stderr).not.toMatch(/hashing|writing/);
  });

  it('says it hashes only when it does: not with --plain', async () => {
    const hashed = await run(
      ['put', 'grace', '--server-id', SERVER_ID, '--role', ROLE, '--password-stdin'],
      fake,
      'pw-1\n',
    );
    expect(hashed.code).toBe(0);
    expect(hashed.stderr).toContain('hashing the password ...');
    const plain = await run(
      ['put', 'heidi', '--server-id', SERVER_ID, '--role', ROLE, '--password-stdin', '--plain'],
      fake,
      'pw-2\n',
    );
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('hashing');
    expect(plain.stderr).toContain(`writing ${secretName('heidi')} ...`);
    expect(JSON.parse(fake.secrets.get(secretName('heidi'))!.secretString).Password).toBe('pw-2');
  });
});

describe('putUserSecret logic (aws-sdk-client-mock)', () => {
  it('creates with CreateSecret when absent, updates with PutSecretValue when present', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }))
      .resolves({ SecretString: JSON.stringify({ Role: ROLE, Password: 'p' }) });
    expect((await putUserSecret(client, 'n', { role: ROLE, homeDirectory: '/b/x' })).created).toBe(true);
    expect(mock.commandCalls(CreateSecretCommand)).toHaveLength(1);
    expect((await putUserSecret(client, 'n', { password: 'q', plainPassword: true })).created).toBe(false);
    expect(JSON.parse(mock.commandCalls(PutSecretValueCommand)[0]!.args[0].input.SecretString!)).toEqual({
      Role: ROLE,
      Password: 'q',
    });
    mock.restore();
  });

  it('refuses a new password that a protocol-prefixed one would still override (the old one would keep working)', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ Role: ROLE, FTPPassword: 'OLD-1' }) });
    const put = putUserSecret(client, 'n', { password: 'NEW-2', plainPassword: true });
    await expect(put).rejects.toThrow(/FTPPassword/);
    await expect(put).rejects.toBeInstanceOf(UserSecretOverriddenPasswordError);
    await expect(put).rejects.not.toThrow(/OLD-1|NEW-2/);
    expect(mock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
    // Other changes to such a secret still go through.
    expect((await putUserSecret(client, 'n', { disabled: true })).created).toBe(false);
    mock.restore();
  });

  it('refuses to overwrite a secret that is not a JSON object', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(GetSecretValueCommand).resolves({ SecretString: 'plain text' });
    await expect(putUserSecret(client, 'n', { role: ROLE })).rejects.toBeInstanceOf(UserSecretError);
    await expect(putUserSecret(client, 'n', { role: ROLE })).rejects.toBeInstanceOf(UserSecretNotAnObjectError);
    expect(mock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
    mock.restore();
  });
});
