import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempDir, freePortRange } from '@closed-ftp/test-support';
import {
  type EmulatorOptions,
  type FaultName,
  type RunningEmulator,
  startEmulator,
} from '@closed-ftp/transfer-emulator';

export const USER = 'alice';
export const PASSWORD = 'emulator-secret-pw';

/** The emulator with a tiny inline IdP (alice only) and a temp bucket, on free ports. */
export async function startTestEmulator(
  faults: FaultName[] = [],
  extra: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator & { root: string; stop(): Promise<void> }> {
  const dir = await createTempDir('ftp-probe-emulator');
  const root = dir.path;
  await mkdir(join(root, 'bucket', 'home', USER), { recursive: true });
  await writeFile(join(root, 'bucket', 'home', USER, 'report.csv'), 'a,b\n1,2\n');
  const idp = async (event: { username: string; password?: string }) =>
    event.username === USER && event.password === PASSWORD
      ? { Role: 'arn:aws:iam::111122223333:role/transfer-user', HomeDirectory: `/bucket/home/${USER}` }
      : {};
  for (let attempt = 0; ; attempt++) {
    try {
      const emulator = await startEmulator({
        root,
        idp,
        port: 0,
        passivePorts: await freePortRange(3),
        faults,
        ...extra,
      });
      return {
        ...emulator,
        root,
        stop: async () => {
          await emulator.close();
          await dir.remove();
        },
      };
    } catch (error) {
      // Another process may take a passive port between the search and the listen: try other ones.
      if (attempt > 10) {
        await dir.remove();
        throw error;
      }
    }
  }
}
