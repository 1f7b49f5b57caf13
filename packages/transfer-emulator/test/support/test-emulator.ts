import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortInUseError } from '../../src/errors.js';
import type { TransferIdpEvent } from '../../src/identity/identity-provider.js';
import type { EmulatorOptions } from '../../src/options.js';
import { type RunningEmulator, startEmulator } from '../../src/start-emulator.js';

export const ROLE = 'arn:aws:iam::111122223333:role/transfer-user';

/** An inline IdP for tests: alice/wonderland (PATH home), bob/builder (LOGICAL home); everyone else denied. */
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
  return {};
}

export interface TestEmulator extends RunningEmulator {
  root: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts an emulator on an ephemeral control port and a passive range free right now, with a temp root. */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}, portCount = 9): Promise<TestEmulator> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'transfer-emulator-test-')));
  await mkdir(join(root, 'bucket', 'home', 'alice'), { recursive: true });
  await mkdir(join(root, 'bucket', 'home', 'bob1'), { recursive: true });
  await mkdir(join(root, 'bucket', 'shared'), { recursive: true });
  await writeFile(join(root, 'bucket', 'shared', 'readme.txt'), 'shared file\n');
  for (let attempt = 0; ; attempt++) {
    const from = 20000 + Math.floor(Math.random() * 40000);
    try {
      const emulator = await startEmulator({
        root,
        idp: sampleIdp,
        port: 0,
        passivePorts: { from, to: from + portCount - 1 },
        ...options,
      });
      const close = async () => {
        await emulator.close();
        if (!options.root) await rm(root, { recursive: true, force: true });
      };
      return { ...emulator, root, close, [Symbol.asyncDispose]: close };
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt > 20) throw error;
    }
  }
}
