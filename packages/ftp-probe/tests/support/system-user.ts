import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface SystemUser {
  name: string;
  password: string;
  uid: number;
  gid: number;
  remove(): void;
}

/** A throw-away system user with a random password, for servers that log in through PAM or shadow (tests run as root). */
export function createSystemUser(home: string): SystemUser {
  const name = `ftpprobe${randomBytes(3).toString('hex')}`;
  execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', home, '--shell', '/bin/sh', name]);
  const remove = () => {
    // A server's session process can outlive its master by a moment; it must go before the user can.
    spawnSync('pkill', ['-KILL', '-u', name]);
    execFileSync('userdel', ['--force', name]);
  };
  try {
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    execFileSync('chpasswd', { input: `${name}:${password}\n` });
    const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
    return { name, password, uid, gid, remove };
  } catch (error) {
    remove(); // a half-made user must not outlive the test
    throw error;
  }
}
