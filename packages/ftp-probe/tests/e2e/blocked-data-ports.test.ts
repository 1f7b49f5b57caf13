import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { type BlockedNetwork, createBlockedNetwork } from '../support/blocked-network.js';
import { type RunningVsftpd, startVsftpd } from '../support/vsftpd.js';

describe('vsftpd behind nftables dropping its passive ports (network namespace)', () => {
  let network: BlockedNetwork;
  let server: RunningVsftpd;
  beforeAll(async () => {
    network = createBlockedNetwork();
    server = await startVsftpd({}, { host: network.serverIp, namespace: network.namespace });
    network.dropTcp(server.passive.from, server.passive.to);
  });
  afterAll(async () => {
    await server?.stop();
    network?.remove();
  });

  it('times out on both data connections within their deadline and names the security group', async () => {
    const dataConnect = 1000;
    const report = await probe(`ftp://${server.user}@${network.serverIp}:${server.port}`, {
      password: server.password,
      stepTimeouts: { dataConnect },
    });
    expect(report.verdict).toBe('failed');
    expect(report.firstFailure).toMatchObject({ step: 'epsv', status: 'timed-out' });
    const pasv = report.steps.find((s) => s.step === 'pasv')!;
    expect(pasv.status).toBe('timed-out');
    expect(pasv.evidence).toMatchObject({ advertisedHost: network.serverIp, addressKind: 'private' });
    for (const step of report.steps.filter((s) => s.step === 'epsv' || s.step === 'pasv')) {
      expect(step.durationMs).toBeLessThan(dataConnect + 500);
    }
    expect(report.causes.map((c) => c.id).slice(0, 2)).toEqual(['CFTP-NET-006', 'CFTP-NET-008']);
  });
});
