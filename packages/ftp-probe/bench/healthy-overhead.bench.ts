// A healthy probe's own cost vs a bare basic-ftp login + LIST on loopback (target <= 1.5x), against vsftpd (whose
// PAM login dominates) and against the transfer emulator (where the client side weighs more).
import { Client } from 'basic-ftp';
import { afterAll, bench, describe } from 'vitest';
import { probe } from '../src/index.js';
import { PASSWORD, startTestEmulator, USER } from '../tests/support/emulator.js';
import { type RunningVsftpd, startVsftpd } from '../tests/support/vsftpd.js';

const ROUNDS = Number(process.env.FTP_PROBE_BENCH_ROUNDS ?? 40);
const options = { iterations: ROUNDS, warmupIterations: 2, time: 0 };
type Server = { port: number; user: string; password: string };

async function basicFtpLoginList(server: Server): Promise<void> {
  const client = new Client(10_000);
  try {
    await client.access({ host: '127.0.0.1', port: server.port, user: server.user, password: server.password });
    await client.list();
  } finally {
    client.close();
  }
}

/** DNS to LIST, including FEAT, PWD, TYPE I and both the EPSV and the PASV data connection. */
async function probeHealthy(server: Server): Promise<void> {
  const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, { password: server.password });
  if (report.verdict !== 'healthy') throw new Error(`probe: ${report.firstFailure?.summary}`);
}

// Set up at the top level: vitest bench runs no beforeAll hooks, and only top-level afterAll ones.
const vsftpd: RunningVsftpd = await startVsftpd({ max_per_ip: '0', max_clients: '0' });
afterAll(() => vsftpd.stop());
const emulator = await startTestEmulator();
afterAll(() => emulator.stop());

const servers: Record<string, Server> = {
  vsftpd: { port: vsftpd.port, user: vsftpd.user, password: vsftpd.password },
  'transfer emulator': { port: emulator.port, user: USER, password: PASSWORD },
};
for (const [name, server] of Object.entries(servers)) {
  describe(`healthy probe vs basic-ftp login + LIST: ${name}`, () => {
    bench('basic-ftp access() + list()', () => basicFtpLoginList(server), options);
    bench('ftp-probe, healthy (target <= 1.5x)', () => probeHealthy(server), options);
  });
}
