import { copyFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess, useTempDir } from '@closed-ftp/test-support';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines } from '../support/captured-output.js';
import { emfViolations } from '../support/emf.js';
import { PASSWORD, startTestEmulator, USER } from '../support/emulator.js';

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const SECRET_ID = 'aws/transfer/s-0123456789abcdef0/alice';

describe('canaryBundleDir: the one-file canary bundle, as Lambda runs it', () => {
  const temp = useTempDir('ftp-probe-canary-bundle');
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let secrets: FakeSecretsManager;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    secrets = await FakeSecretsManager.start();
    secrets.put(SECRET_ID, { Password: PASSWORD, Role: 'arn:aws:iam::111122223333:role/transfer-user' });
  });
  afterAll(async () => {
    await emulator?.stop();
    await secrets?.close();
  });

  it('is an absolute folder holding index.mjs, minified ESM under 600 KB, and its notices', async () => {
    const { canaryBundleDir } = (await import(dist)) as { canaryBundleDir: string };
    expect(canaryBundleDir).toBe(fileURLToPath(new URL('../../dist/canary-bundle', import.meta.url)));
    expect(await readdir(canaryBundleDir)).toEqual(['THIRD-PARTY-NOTICES.txt', 'index.mjs']);
    // The licences of what the bundle inlines travel with it (the AWS SDK: Apache-2.0).
    const notices = await readFile(join(canaryBundleDir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^@aws-sdk\/client-secrets-manager@[\d.]+ \(Apache-2\.0\)$/m);
    expect((await stat(join(canaryBundleDir, 'index.mjs'))).size).toBeLessThan(600_000);
  });

  it('copied away from node_modules: reads the secret from Secrets Manager, probes, logs and publishes EMF', async () => {
    const { canaryBundleDir } = (await import(dist)) as { canaryBundleDir: string };
    const copy = join(temp.path, 'index.mjs');
    await copyFile(join(canaryBundleDir, 'index.mjs'), copy);
    const script = `const { handler } = await import(${JSON.stringify(copy)});
const result = await handler({}, { getRemainingTimeInMillis: () => 60000 });
process.stdout.write(JSON.stringify({ result }) + '\\n');`;
    const { code, stdout, stderr } = await runProcess(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        FTP_HOST: '127.0.0.1',
        FTP_PORT: String(emulator.port),
        FTP_USER: USER,
        FTP_PASSWORD_SECRET_ID: SECRET_ID,
        CANARY_NAME: 'bundle',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      },
      timeoutMs: 60_000,
    });
    expect(code, stderr).toBe(0);
    const lines = jsonLines(stdout) as Array<Record<string, unknown>>;
    expect(lines.at(-1)).toMatchObject({ result: { verdict: 'healthy' } });
    const records = lines.filter((line) => line._aws !== undefined);
    expect(records).toHaveLength(1);
    expect(emfViolations(records[0])).toEqual([]);
    expect(records[0]).toMatchObject({ Canary: 'bundle', Success: 1, ListSuccess: 1 });
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'canary run healthy', service: 'closed-ftp-canary' }),
    );
    expect(secrets.callCount('GetSecretValue')).toBe(1);
    expect(stdout + stderr).not.toContain(PASSWORD);
  });

  it("takes its credentials from the environment only, as Lambda gives them (no other provider's code inside)", async () => {
    const { canaryBundleDir } = (await import(dist)) as { canaryBundleDir: string };
    // A shared credentials file the SDK's default chain would use: the canary's chain must not look at it.
    const credentials = join(temp.path, 'credentials');
    await writeFile(credentials, '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n');
    const before = secrets.callCount('GetSecretValue');
    const script = `const { handler } = await import(${JSON.stringify(join(canaryBundleDir, 'index.mjs'))});
process.stdout.write(JSON.stringify({ result: await handler({}, { getRemainingTimeInMillis: () => 60000 }) }) + '\\n');`;
    const { code, stdout, stderr } = await runProcess(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        HOME: temp.path,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_CONFIG_FILE: join(temp.path, 'no-config'),
        FTP_HOST: '127.0.0.1',
        FTP_PORT: String(emulator.port),
        FTP_USER: USER,
        FTP_PASSWORD_SECRET_ID: SECRET_ID,
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      },
      timeoutMs: 60_000,
    });
    expect(code, stderr).toBe(0);
    const lines = jsonLines(stdout) as Array<Record<string, unknown>>;
    expect(lines.at(-1)).toMatchObject({ result: { verdict: 'failed', topCause: 'canary-secret' } });
    expect(jsonLines(stderr)).toContainEqual(
      expect.objectContaining({
        message: 'canary could not read its password: no probe ran',
        error: expect.stringMatching(/CredentialsProviderError/),
      }),
    );
    expect(secrets.callCount('GetSecretValue')).toBe(before);
  });
});
