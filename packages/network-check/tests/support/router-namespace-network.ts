import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { requireBinary } from '@closed-ftp/test-support';
import type { Topology, TransitGatewayRouteTable } from '../../src/index.js';

/**
 * Three network namespaces: a client host, a router standing in for a transit gateway, and a server host; each
 * host's VPC route table sends the other VPC to the router, and the router forwards by a TGW route table from the
 * model (propagated VPC CIDRs below its static and blackhole routes, as a TGW prefers static routes).
 */
export class RouterNamespaceNetwork {
  readonly id = randomBytes(3).toString('hex');
  readonly client = `network-check-${this.id}-client`;
  readonly router = `network-check-${this.id}-tgw`;
  readonly server = `network-check-${this.id}-server`;
  /** The router's interface towards each host, by the VPC the host stands in. */
  private readonly devices = new Map<string, string>();

  constructor(
    readonly clientIp: string,
    readonly serverIp: string,
    sides: { clientVpc: string; serverVpc: string; clientVpcCidr: string; serverVpcCidr: string },
  ) {
    requireBinary('/usr/sbin/ip', 'iproute2');
    for (const ns of [this.client, this.router, this.server]) ip('netns', 'add', ns);
    try {
      const legs = [
        [this.client, clientIp, sides.clientVpc, sides.serverVpcCidr, 'c'],
        [this.server, serverIp, sides.serverVpc, sides.clientVpcCidr, 's'],
      ] as const;
      for (const [ns, address, vpc, otherCidr, tag] of legs) {
        const hostSide = `nc${this.id}${tag}`;
        const routerSide = `nc${this.id}r${tag}`;
        ip('link', 'add', hostSide, 'netns', ns, 'type', 'veth', 'peer', 'name', routerSide, 'netns', this.router);
        this.run(ns, 'ip', 'addr', 'add', `${address}/32`, 'dev', hostSide);
        this.run(ns, 'ip', 'link', 'set', hostSide, 'up');
        this.run(ns, 'ip', 'link', 'set', 'lo', 'up');
        // The host's route to the other VPC: to the transit gateway (the router's side of the link).
        this.run(this.router, 'ip', 'link', 'set', routerSide, 'up');
        this.run(
          this.router,
          'ip',
          'addr',
          'add',
          tag === 'c' ? '169.254.0.1/32' : '169.254.0.2/32',
          'dev',
          routerSide,
        );
        this.run(
          ns,
          'ip',
          'route',
          'add',
          otherCidr,
          'via',
          tag === 'c' ? '169.254.0.1' : '169.254.0.2',
          'dev',
          hostSide,
          'onlink',
        );
        this.devices.set(vpc, routerSide);
      }
      this.run(this.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
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

  /** Installs the TGW route table on the router; returns the routes, as `ip route` writes them. */
  applyTransitGatewayRouteTable(topology: Topology, table: TransitGatewayRouteTable): string[] {
    this.run(this.router, 'ip', 'route', 'flush', 'proto', 'static');
    const vpcOf = (id: string) => topology.transitGatewayAttachments.find((a) => a.id === id)?.vpcId;
    for (const attachment of table.propagatingAttachmentIds) {
      const vpc = topology.vpcs.find((v) => v.id === vpcOf(attachment));
      const device = vpc && this.devices.get(vpc.id);
      for (const cidr of vpc?.cidrBlocks ?? []) {
        if (device && typeof cidr === 'string') {
          this.run(this.router, 'ip', 'route', 'add', cidr, 'dev', device, 'proto', 'static', 'metric', '20');
        }
      }
    }
    for (const route of table.routes) {
      if (typeof route.destination !== 'string') continue;
      const device = route.attachmentIds.map((id) => this.devices.get(vpcOf(id) ?? '')).find(Boolean);
      const target =
        route.state === 'blackhole' ? ['blackhole', route.destination] : [route.destination, 'dev', device!];
      this.run(this.router, 'ip', 'route', 'add', ...target, 'proto', 'static', 'metric', '10');
    }
    return this.run(this.router, 'ip', 'route', 'show', 'proto', 'static')
      .trim()
      .split('\n')
      .map((line) => line.trim());
  }

  remove(): void {
    for (const ns of [this.client, this.router, this.server]) {
      try {
        ip('netns', 'del', ns);
      } catch {}
    }
  }
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
