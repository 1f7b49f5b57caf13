import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir, requireBinary } from '@closed-ftp/test-support';
import type { SecurityGroup } from '../../src/index.js';

/**
 * Two network namespaces joined by a veth pair: a client host (in the client subnet) and a server host (in the
 * endpoint subnet), so a security group from the model can be enforced with nftables and tried with real traffic.
 */
export class NamespaceNetwork {
  readonly id = randomBytes(3).toString('hex');
  readonly client = `network-check-${this.id}-client`;
  readonly server = `network-check-${this.id}-server`;

  constructor(
    readonly clientIp: string,
    readonly serverIp: string,
  ) {
    requireBinary('/usr/sbin/ip', 'iproute2');
    requireBinary('/usr/sbin/nft', 'nftables');
    const clientSide = `nc${this.id}c`;
    const serverSide = `nc${this.id}s`;
    ip('netns', 'add', this.client);
    ip('netns', 'add', this.server);
    try {
      ip(
        'link',
        'add',
        clientSide,
        'netns',
        this.client,
        'type',
        'veth',
        'peer',
        'name',
        serverSide,
        'netns',
        this.server,
      );
      for (const [ns, dev, address, peer] of [
        [this.client, clientSide, clientIp, serverIp],
        [this.server, serverSide, serverIp, clientIp],
      ] as const) {
        this.run(ns, 'ip', 'addr', 'add', `${address}/32`, 'dev', dev);
        this.run(ns, 'ip', 'link', 'set', dev, 'up');
        this.run(ns, 'ip', 'link', 'set', 'lo', 'up');
        this.run(ns, 'ip', 'route', 'add', `${peer}/32`, 'dev', dev);
      }
    } catch (error) {
      this.remove();
      throw error;
    }
  }

  run(namespace: string, command: string, ...args: string[]): string {
    return execFileSync('ip', ['netns', 'exec', namespace, command, ...args], {
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Enforces the group's ingress rules on the server host the way AWS does: stateful, everything else dropped. */
  applySecurityGroup(group: SecurityGroup): string {
    const rules = group.ingress.flatMap((rule) => {
      if (!('cidr' in rule.peer)) return [];
      const ports = rule.protocol === '-1' ? '' : ` ${rule.protocol} dport ${rule.fromPort}-${rule.toPort}`;
      return [`  ip saddr ${rule.peer.cidr}${ports} accept`];
    });
    const ruleset = [
      'table inet network_check_sg {',
      ' chain input {',
      '  type filter hook input priority 0; policy drop;',
      '  ct state established accept',
      '  iif lo accept',
      ...rules,
      ' }',
      '}',
    ].join('\n');
    execFileSync('ip', ['netns', 'exec', this.server, 'nft', '-f', '-'], { input: `${ruleset}\n` });
    return ruleset;
  }

  remove(): void {
    for (const ns of [this.client, this.server]) {
      try {
        ip('netns', 'del', ns);
      } catch {}
    }
  }
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Anonymous vsftpd in the server namespace on port 21 with Transfer Family's passive range 8192-8200. */
export async function startVsftpd(
  network: Pick<NamespaceNetwork, 'server' | 'serverIp' | 'run'>,
): Promise<{ stop(): Promise<void>; root: string }> {
  const binary = requireBinary('/usr/sbin/vsftpd', 'vsftpd');
  const temp = await createTempDir('network-check-vsftpd');
  const dir = temp.path;
  const root = join(dir, 'root');
  const empty = join(dir, 'empty');
  mkdirSync(root, { mode: 0o755 });
  mkdirSync(empty, { mode: 0o755 });
  writeFileSync(join(root, 'report.csv'), 'a,b\n');
  const config = {
    listen: 'YES',
    listen_ipv6: 'NO',
    listen_address: network.serverIp,
    listen_port: '21', // inside the test's own namespace: no port on the host is taken
    background: 'NO',
    anonymous_enable: 'YES',
    no_anon_password: 'YES',
    anon_root: root,
    local_enable: 'NO',
    write_enable: 'NO',
    pasv_enable: 'YES',
    pasv_min_port: '8192',
    pasv_max_port: '8200',
    seccomp_sandbox: 'NO',
    secure_chroot_dir: empty,
    xferlog_enable: 'NO',
  };
  const file = join(dir, 'vsftpd.conf');
  writeFileSync(
    file,
    `${Object.entries(config)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\n`,
  );
  const child: ChildProcess = spawn('ip', ['netns', 'exec', network.server, binary, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await temp.remove();
  };
  for (let i = 0; ; i++) {
    const listening = network.run(network.server, 'ss', '-ltn').includes(`${network.serverIp}:21`);
    if (listening) return { stop, root };
    if (i > 100 || child.exitCode !== null) {
      await stop();
      throw new Error(`vsftpd did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
