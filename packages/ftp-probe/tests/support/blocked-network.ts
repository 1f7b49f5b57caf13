import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { requireBinary } from '@closed-ftp/test-support';

export interface BlockedNetwork {
  namespace: string;
  /** The server's address inside the namespace, reachable from the host. */
  serverIp: string;
  /** Drops (never refuses) TCP to these ports inside the namespace, like a security group without the rule. */
  dropTcp(from: number, to: number): void;
  remove(): void;
}

/**
 * A network namespace joined to the host by a veth pair: the "server host" of a little test network, where
 * nftables can drop packets the way an AWS security group does.
 */
export function createBlockedNetwork(): BlockedNetwork {
  requireBinary('/usr/sbin/nft', 'nftables');
  const id = randomBytes(3).toString('hex');
  const namespace = `ftp-probe-${id}`;
  const subnet = 16 + (Number.parseInt(id, 16) % 200);
  const hostIp = `10.213.${subnet}.1`;
  const serverIp = `10.213.${subnet}.2`;
  const hostSide = `fp${id}a`;
  const serverSide = `fp${id}b`;
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const inside = (...args: string[]) => ip('netns', 'exec', namespace, ...args);
  ip('netns', 'add', namespace);
  try {
    ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', serverSide);
    ip('link', 'set', serverSide, 'netns', namespace);
    ip('addr', 'add', `${hostIp}/30`, 'dev', hostSide);
    ip('link', 'set', hostSide, 'up');
    inside('ip', 'addr', 'add', `${serverIp}/30`, 'dev', serverSide);
    inside('ip', 'link', 'set', serverSide, 'up');
    inside('ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    ip('netns', 'del', namespace);
    throw error;
  }
  return {
    namespace,
    serverIp,
    dropTcp(from, to) {
      execFileSync('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], {
        input: `table inet ftp_probe_test {\n chain input {\n  type filter hook input priority 0; policy accept;\n  tcp dport ${from}-${to} drop\n }\n}\n`,
      });
    },
    remove() {
      try {
        ip('link', 'del', hostSide);
      } catch {}
      ip('netns', 'del', namespace);
    },
  };
}
