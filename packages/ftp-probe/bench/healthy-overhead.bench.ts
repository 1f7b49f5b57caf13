// A healthy probe's own cost vs a bare basic-ftp login + LIST on loopback (target <= 1.5x), against vsftpd (whose
// PAM login dominates) and against the transfer emulator (where the client side weighs more).
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { probe } from '../src/index.js';
import { PASSWORD, startTestEmulator, USER } from '../tests/support/emulator.js';
import { type RunningVsftpd, startVsftpd } from '../tests/support/vsftpd.js';
import { writeResult } from './report.js';

const ROUNDS = Number(process.env.FTP_PROBE_BENCH_ROUNDS ?? 40);
type Server = { name: string; port: number; user: string; password: string };
let vsftpd: RunningVsftpd;
let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
beforeAll(async () => {
  vsftpd = await startVsftpd({ max_per_ip: '0', max_clients: '0' });
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await vsftpd?.stop();
  await emulator?.stop();
});

async function basicFtpLoginList(server: Server): Promise<void> {
  const client = new Client(10_000);
  try {
    await client.access({ host: '127.0.0.1', port: server.port, user: server.user, password: server.password });
    await client.list();
  } finally {
    client.close();
  }
}

async function probeHealthy(server: Server): Promise<void> {
  const report = await probe(`ftp://${server.user}@127.0.0.1:${server.port}`, { password: server.password });
  if (report.verdict !== 'healthy') throw new Error(`probe: ${report.firstFailure?.summary}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function compare(server: Server) {
  const times = { probe: [] as number[], basicFtp: [] as number[] };
  await basicFtpLoginList(server);
  await probeHealthy(server);
  // Interleaved so both see the same machine load.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of [
      ['basicFtp', basicFtpLoginList],
      ['probe', probeHealthy],
    ] as const) {
      const started = performance.now();
      await run(server);
      times[name].push(performance.now() - started);
    }
  }
  return {
    probeMedianMs: +median(times.probe).toFixed(2),
    basicFtpMedianMs: +median(times.basicFtp).toFixed(2),
    ratio: +(median(times.probe) / median(times.basicFtp)).toFixed(2),
  };
}

it('healthy probe vs basic-ftp login + LIST', async () => {
  const results = {
    vsftpd: await compare({ name: 'vsftpd', port: vsftpd.port, user: vsftpd.user, password: vsftpd.password }),
    emulator: await compare({ name: 'emulator', port: emulator.port, user: USER, password: PASSWORD }),
  };
  writeResult('healthy-overhead', {
    setup: `loopback, ${ROUNDS} interleaved rounds, medians; probe = DNS..LIST incl. FEAT, PWD, EPSV and PASV data connects`,
    target: 1.5,
    ...results,
  });
  expect(results.vsftpd.ratio).toBeGreaterThan(0);
});
