// A rule's prediction checked in a real network: two network namespaces, the endpoint security group from the model
// enforced with nftables, vsftpd with Transfer's passive range, curl as the client.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { requireBinary } from '@closed-ftp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTopology, loadTemplateText } from '../../src/index.js';
import { minimalTemplate, type Template } from '../fixtures/minimal-template.js';
import { NamespaceNetwork, startVsftpd } from '../support/namespace-network.js';

const run = promisify(execFile);
// Addresses inside the fixture's client subnet (10.1.1.0/24) and endpoint subnet (10.0.1.0/24).
const CLIENT_IP = '10.1.1.10';
const SERVER_IP = '10.0.1.10';

let network: NamespaceNetwork;
let vsftpd: { stop(): Promise<void> };

beforeAll(async () => {
  network = new NamespaceNetwork(CLIENT_IP, SERVER_IP);
  vsftpd = await startVsftpd(network);
}, 20_000);

afterAll(async () => {
  await vsftpd?.stop();
  network?.remove();
});

/** Lists the root with curl from the client host: EPSV, like most clients; exit 28 = timed out. */
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

function serverGroup(template: Template) {
  const topology = loadTemplateText(JSON.stringify(template), 'test.template.json');
  return { findings: checkTopology(topology), group: topology.securityGroups.find((g) => g.id === 'ServerSg')! };
}

describe('predictions hold in a real network', () => {
  it('CFTP-NET-006 (no 8192-8200 in the endpoint SG): login works, then the listing times out', async () => {
    const template = minimalTemplate();
    const sg = template.Resources.ServerSg!.Properties as { SecurityGroupIngress: unknown[] };
    sg.SecurityGroupIngress = sg.SecurityGroupIngress.slice(0, 1); // only TCP 21
    const { findings, group } = serverGroup(template);
    expect(findings.map((f) => f.id)).toEqual(['CFTP-NET-006']);
    const ruleset = network.applySecurityGroup(group);
    expect(ruleset).toContain('ip saddr 10.1.0.0/16 tcp dport 21-21 accept');
    const result = await list(6);
    expect(result.transcript).toMatch(/< 230 /); // logged in over port 21
    expect(result.transcript).toMatch(/< 229 Entering Extended Passive Mode \(\|\|\|(819[2-9]|8200)\|\)/);
    expect(result.exitCode).toBe(28); // then the data connection to 8192-8200 timed out
  }, 20_000);

  it('the fixed security group (21 and 8192-8200) is clean, and the listing arrives', async () => {
    const { findings, group } = serverGroup(minimalTemplate());
    expect(findings).toEqual([]);
    network.run(network.server, 'nft', 'delete', 'table', 'inet', 'network_check_sg');
    network.applySecurityGroup(group);
    const result = await list(15);
    expect(result).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('report.csv') });
  }, 20_000);
});
