import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempDir,
  freePort,
  freePortRange,
  requireBinary,
  startProcess,
  waitForPort,
} from '@closed-ftp/test-support';
import { createSystemUser } from './system-user.js';

export interface RunningPureFtpd {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** Starts pure-ftpd (unpacked Debian package) on loopback for one throw-away system user. */
export async function startPureFtpd(): Promise<RunningPureFtpd> {
  const binary = requireBinary('/opt/pure-ftpd/usr/sbin/pure-ftpd', 'pure-ftpd (unpacked into /opt/pure-ftpd)');
  const temp = await createTempDir('ftp-probe-pure-ftpd');
  const dir = temp.path;
  chmodSync(dir, 0o755);
  const home = join(dir, 'home');
  mkdirSync(home);
  writeFileSync(join(home, 'inbox.txt'), 'hello\n');
  // Shadow (unix) logins: PureDB's deliberately slow password hashing would dominate the test's time.
  const user = createSystemUser(home);
  chownSync(home, user.uid, user.gid);
  chownSync(join(home, 'inbox.txt'), user.uid, user.gid);
  const port = await freePort();
  const passive = await freePortRange(4);
  const server = startProcess(binary, [
    '-S',
    `127.0.0.1,${port}`,
    '-l',
    'unix',
    '-E', // no anonymous logins
    '-A', // chroot everyone
    '-H', // do not resolve client names
    '-u',
    '1',
    '-p',
    `${passive.from}:${passive.to}`,
  ]);
  try {
    await waitForPort(port);
  } catch (error) {
    await server.stop();
    user.remove();
    await temp.remove();
    throw new Error(`pure-ftpd did not start: ${server.output()}`, { cause: error });
  }
  return {
    port,
    user: user.name,
    password: user.password,
    stop: async () => {
      await server.stop();
      user.remove();
      await temp.remove();
    },
  };
}
