// A transit gateway prediction checked in a real network: client and server hosts in their own namespaces, joined
// by a router namespace that forwards by the model's TGW route table (a blackhole route is a Linux blackhole).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requireBinary } from '@closed-ftp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTopology, loadTemplateText } from '../../src/index.js';
import { hubAndSpokeTemplate } from '../fixtures/hub-and-spoke-template.js';
import type { Template } from '../fixtures/minimal-template.js';
import { startVsftpd } from '../support/namespace-network.js';
import { RouterNamespaceNetwork } from '../support/router-namespace-network.js';

const run = promisify(execFile);
// Addresses inside the fixture's client subnet (10.1.1.0/24) and endpoint subnet (10.0.1.0/24).
const CLIENT_IP = '10.1.1.10';
const SERVER_IP = '10.0.1.10';

let network: RouterNamespaceNetwork;
let vsftpd: { stop(): Promise<void> };

beforeAll(async () => {
  network = new RouterNamespaceNetwork(CLIENT_IP, SERVER_IP, {
    clientVpc: 'ClientVpc',
    serverVpc: 'FtpVpc',
    clientVpcCidr: '10.1.0.0/16',
    serverVpcCidr: '10.0.0.0/16',
  });
  vsftpd = await startVsftpd(network);
}, 20_000);

afterAll(async () => {
  await vsftpd?.stop();
  network?.remove();
});

async function list(maxSeconds: number): Promise<{ exitCode: number; stdout: string; transcript: string }> {
  const curl = requireBinary('curl', 'curl');
  const args = ['netns', 'exec', network.client, curl, '-v', '--max-time', String(maxSeconds), `ftp://${SERVER_IP}/`];
  try {
    const { stdout, stderr } = await run('ip', args);
    return { exitCode: 0, stdout, transcript: stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { exitCode: e.code, stdout: '', transcript: e.stderr };
  }
}

function predict(template: Template) {
  const topology = loadTemplateText(JSON.stringify(template), 'hub-and-spoke.json');
  const table = topology.transitGatewayRouteTables.find((t) => t.id === 'TgwRoutes')!;
  return { findings: checkTopology(topology), routes: network.applyTransitGatewayRouteTable(topology, table) };
}

describe('a transit gateway prediction holds in a real network', () => {
  it('CFTP-NET-031 (a blackhole route for the client VPC): the replies are dropped and the client times out', async () => {
    const template = hubAndSpokeTemplate();
    template.Resources.DropClients = {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: {
        TransitGatewayRouteTableId: { Ref: 'TgwRoutes' },
        DestinationCidrBlock: '10.1.0.0/16',
        Blackhole: true,
      },
    };
    const { findings, routes } = predict(template);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-031']);
    expect(routes).toContain('blackhole 10.1.0.0/16 metric 10'); // below it, the propagated route at metric 20
    const result = await list(4);
    expect(result.transcript).not.toMatch(/< 220/); // not even the banner: the SYN-ACK never came back
    expect(result.exitCode).toBe(28);
  }, 20_000);

  it('the working hub and spoke (both VPCs propagated) is clean, and the listing arrives', async () => {
    const { findings, routes } = predict(hubAndSpokeTemplate());
    expect(findings).toEqual([]);
    expect(routes.some((r) => r.startsWith('10.1.0.0/16 dev'))).toBe(true);
    const result = await list(15);
    expect(result).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('report.csv') });
  }, 20_000);
});
