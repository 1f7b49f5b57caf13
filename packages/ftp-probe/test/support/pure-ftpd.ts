import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freePortRange } from './ports.js';
import { requireBinary, startProcess, waitForPort } from './processes.js';

export interface RunningPureFtpd {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/** Starts pure-ftpd (unpacked Debian package) on loopback with one virtual user in a fresh PureDB. */
export async function startPureFtpd(): Promise<RunningPureFtpd> {
  const binary = requireBinary('/opt/pure-ftpd/usr/sbin/pure-ftpd', 'pure-ftpd (unpacked into /opt/pure-ftpd)');
  const purePw = requireBinary('/opt/pure-ftpd/usr/bin/pure-pw', 'pure-ftpd (unpacked into /opt/pure-ftpd)');
  const dir = mkdtempSync(join(tmpdir(), 'ftp-probe-pure-ftpd-'));
  chmodSync(dir, 0o755);
  const home = join(dir, 'home');
  mkdirSync(home);
  writeFileSync(join(home, 'inbox.txt'), 'hello\n');
  const ftpUid = Number(execFileSync('id', ['-u', 'ftp']).toString().trim());
  chownSync(home, ftpUid, 0);
  chownSync(join(home, 'inbox.txt'), ftpUid, 0);
  const user = 'probe';
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const pdb = join(dir, 'users.pdb');
  execFileSync(purePw, ['useradd', user, '-u', 'ftp', '-d', home, '-f', join(dir, 'passwd'), '-m', '-F', pdb], {
    input: `${password}\n${password}\n`,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const port = await freePort();
  const passive = await freePortRange(4);
  const server = startProcess(binary, [
    '-S',
    `127.0.0.1,${port}`,
    '-l',
    `puredb:${pdb}`,
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
    throw new Error(`pure-ftpd did not start: ${server.output()}`, { cause: error });
  }
  return {
    port,
    user,
    password,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
