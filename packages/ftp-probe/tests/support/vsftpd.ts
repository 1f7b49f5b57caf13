import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, writeFileSync } from 'node:fs';
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

export interface RunningVsftpd {
  port: number;
  user: string;
  password: string;
  root: string;
  passive: { from: number; to: number };
  stop(): Promise<void>;
}

/** Starts vsftpd on loopback with a generated config; `extra` lines override the defaults. */
export async function startVsftpd(
  extra: Record<string, string> = {},
  where: { host: string; namespace?: string } = { host: '127.0.0.1' },
): Promise<RunningVsftpd> {
  const { host, namespace } = where;
  const binary = requireBinary('/usr/sbin/vsftpd', 'vsftpd');
  const temp = await createTempDir('ftp-probe-vsftpd');
  const dir = temp.path;
  chmodSync(dir, 0o755);
  const root = join(dir, 'home');
  const empty = join(dir, 'empty');
  execFileSync('mkdir', ['-p', root, empty]);
  const user = createSystemUser(root);
  chownSync(root, user.uid, user.gid);
  for (const name of ['a.txt', 'b.txt']) writeFileSync(join(root, name), `${name}\n`);
  // A fresh namespace has every port free; on the host, find free ones now.
  const port = await freePort();
  const passive = await freePortRange(4);
  const config = {
    listen: 'YES',
    listen_address: host,
    listen_port: String(port),
    background: 'NO',
    anonymous_enable: 'NO',
    local_enable: 'YES',
    write_enable: 'YES',
    local_root: root,
    pasv_enable: 'YES',
    pasv_min_port: String(passive.from),
    pasv_max_port: String(passive.to),
    seccomp_sandbox: 'NO',
    secure_chroot_dir: empty,
    pam_service_name: 'vsftpd',
    userlist_enable: 'NO',
    xferlog_enable: 'NO',
    delay_failed_login: '0',
    ...extra,
  };
  const configFile = join(dir, 'vsftpd.conf');
  writeFileSync(
    configFile,
    `${Object.entries(config)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
  );
  const server = namespace
    ? startProcess('ip', ['netns', 'exec', namespace, binary, configFile])
    : startProcess(binary, [configFile]);
  try {
    await waitForPort(port, host);
  } catch (error) {
    await server.stop();
    user.remove();
    await temp.remove();
    throw new Error(`vsftpd did not start: ${server.output()}`, { cause: error });
  }
  return {
    port,
    user: user.name,
    password: user.password,
    root,
    passive,
    stop: async () => {
      await server.stop();
      user.remove();
      await temp.remove();
    },
  };
}
