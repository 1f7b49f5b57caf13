import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempDir, freePortRange } from '@closed-ftp/test-support';
import { PortInUseError } from '../../src/errors.js';
import type { TransferIdpEvent } from '../../src/identity/identity-provider.js';
import type { EmulatorOptions } from '../../src/options.js';
import { type RunningEmulator, startEmulator } from '../../src/start-emulator.js';

export const ROLE = 'arn:aws:iam::111122223333:role/transfer-user';

/**
 * dave1's session policy: his folder only (whose folder does not exist until he stores something), and nothing under
 * `keep/` may be deleted.
 */
export const DAVE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::bucket',
      Condition: { StringLike: { 's3:prefix': ['users/dave1/*'] } },
    },
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::bucket/users/dave1/*',
    },
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::bucket/users/dave1/keep/*' },
  ],
});

/**
 * An inline IdP for tests: alice/wonderland (PATH home), bob1/builder (LOGICAL home and /shared), dave1/davepw
 * (LOGICAL home with a session policy); everyone else denied.
 */
export async function sampleIdp(event: TransferIdpEvent): Promise<object> {
  if (event.username === 'alice' && event.password === 'wonderland') {
    return { Role: ROLE, HomeDirectory: '/bucket/home/alice' };
  }
  if (event.username === 'bob1' && event.password === 'builder') {
    return {
      Role: ROLE,
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryDetails: JSON.stringify([
        { Entry: '/', Target: '/bucket/home/bob1' },
        { Entry: '/shared', Target: '/bucket/shared' },
      ]),
    };
  }
  if (event.username === 'dave1' && event.password === 'davepw') {
    return {
      Role: ROLE,
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryDetails: JSON.stringify([{ Entry: '/', Target: '/bucket/users/dave1' }]),
      Policy: DAVE_POLICY,
    };
  }
  return {};
}

export interface TestEmulator extends RunningEmulator {
  root: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts an emulator on an ephemeral control port and a passive range free right now, with a temp root. */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}, portCount = 9): Promise<TestEmulator> {
  const temp = options.root === undefined ? await createTempDir('transfer-emulator-test') : undefined;
  const root = options.root ?? temp!.path;
  await mkdir(join(root, 'bucket', 'home', 'alice'), { recursive: true });
  await mkdir(join(root, 'bucket', 'home', 'bob1'), { recursive: true });
  await mkdir(join(root, 'bucket', 'shared'), { recursive: true });
  await writeFile(join(root, 'bucket', 'shared', 'readme.txt'), 'shared file\n');
  for (let attempt = 0; ; attempt++) {
    // Free when looked at, maybe taken by another test process a moment later: then look again.
    const passivePorts = await freePortRange(portCount);
    try {
      const emulator = await startEmulator({ root, idp: sampleIdp, port: 0, passivePorts, ...options });
      const close = async () => {
        await emulator.close();
        await temp?.remove();
      };
      return { ...emulator, root, close, [Symbol.asyncDispose]: close };
    } catch (error) {
      if (!PortInUseError.isInstance(error) || attempt > 20) {
        await temp?.remove();
        throw error;
      }
    }
  }
}
