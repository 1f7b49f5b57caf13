// Side by side on loopback: the emulator (its CLI, as users run it) and vsftpd (Debian), same file, same clients.
// Throughput: a 1 GiB random file uploaded and downloaded with curl, alternating rounds, median (recorded as
// figures, ratios to vsftpd), with each server's CPU seconds per GiB; then login to first LIST with basic-ftp as a
// vitest bench. Needs root (vsftpd).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createTempDir, requireBinary, type TempDir } from '@closed-ftp/test-support';
import { recordFigure } from '@closed-ftp/test-support/bench';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { type BenchServer, rssMiB, startEmulatorCli, startVsftpd, treeCpuSampler } from './support/servers.js';

const MIB = 1024 * 1024;
const FILE_MIB = Number(process.env.TRANSFER_EMULATOR_BENCH_MIB ?? 1024);
const ROUNDS = Number(process.env.TRANSFER_EMULATOR_BENCH_ROUNDS ?? 3);
const GROUP = `${FILE_MIB} MiB with curl on loopback, median of ${ROUNDS} alternating rounds`;

let work: TempDir;
let vsftpd: BenchServer;
let emulator: BenchServer;

/** Runs curl to the end; wall-clock seconds, and the CPU seconds `server` (all its processes) used meanwhile. */
async function curlRun(server: BenchServer, args: string[]): Promise<{ seconds: number; cpu: number }> {
  // Dirty pages of earlier files written back during a transfer make its page-cache copies several times slower:
  // each transfer starts with none, so no server pays for the file written before it.
  spawnSync('sync');
  const sampler = treeCpuSampler(server.process.child.pid!);
  const started = process.hrtime.bigint();
  const child = spawn(requireBinary('curl', 'curl'), ['-sS', '--max-time', '600', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [status] = (await once(child, 'close')) as [number | null];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = sampler.stop();
  if (status !== 0) throw new Error(`curl ${args.join(' ')} failed: ${stderr}`);
  return { seconds, cpu };
}

async function throughputRound(server: BenchServer, file: string) {
  const url = `ftp://127.0.0.1:${server.port}/${server.prefix}big.bin`;
  const auth = ['-u', `${server.user}:${server.password}`];
  const up = await curlRun(server, [...auth, '-T', file, url]);
  const down = await curlRun(server, [...auth, '-o', '/dev/null', url]);
  rmSync(join(server.folder, 'big.bin'), { force: true });
  const perGiB = 1024 / FILE_MIB;
  return {
    upload: FILE_MIB / up.seconds,
    download: FILE_MIB / down.seconds,
    uploadCpu: up.cpu * perGiB,
    downloadCpu: down.cpu * perGiB,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

beforeAll(async () => {
  work = await createTempDir('transfer-emulator-bench');
  vsftpd = await startVsftpd(work.path);
  emulator = await startEmulatorCli(work.path);
  const file = join(work.path, 'big.bin');
  spawnSync('sh', ['-c', `head -c ${FILE_MIB * MIB} /dev/urandom > '${file}'`], { stdio: 'inherit' });
  const rounds: Record<string, Awaited<ReturnType<typeof throughputRound>>[]> = {
    vsftpd: [],
    'transfer-emulator': [],
  };
  const rssAfterRound: number[] = [];
  const loadBefore = loadavg()[0]!;
  // Alternating rounds, median kept: the machine is shared, single runs vary by a factor of two.
  for (let round = 0; round < ROUNDS; round++) {
    // ABBA order: neither server always goes first.
    const order = round % 2 === 0 ? [vsftpd, emulator] : [emulator, vsftpd];
    for (const server of order) rounds[server.name]!.push(await throughputRound(server, file));
    rssAfterRound.push(rssMiB(emulator.process.child.pid!).now);
  }
  const loadAfter = loadavg()[0]!;
  rmSync(file);
  const v = rounds.vsftpd!;
  const e = rounds['transfer-emulator']!;
  for (const [name, key, target] of [
    ['upload', 'upload', '>= 1.0x vsftpd'],
    ['download', 'download', '>= 0.9x vsftpd'],
  ] as const) {
    recordFigure({ group: GROUP, name: `${name}: vsftpd`, value: median(v.map((r) => r[key])), unit: 'MiB/s' });
    recordFigure({
      group: GROUP,
      name: `${name}: transfer-emulator vs vsftpd`,
      value: median(e.map((r) => r[key])),
      baseline: median(v.map((r) => r[key])),
      unit: 'MiB/s',
      target,
    });
  }
  // CPU per GiB holds still better than speed on a loaded machine; vsftpd's counts every process of its sessions.
  for (const [name, key] of [
    ['uploaded', 'uploadCpu'],
    ['downloaded', 'downloadCpu'],
  ] as const) {
    recordFigure({ group: GROUP, name: `vsftpd CPU per ${name} GiB`, value: median(v.map((r) => r[key])), unit: 's' });
    recordFigure({
      group: GROUP,
      name: `emulator CPU per ${name} GiB vs vsftpd's`,
      value: median(e.map((r) => r[key])),
      baseline: median(v.map((r) => r[key])),
      unit: 's',
    });
  }
  recordFigure({ group: GROUP, name: 'load average (1 min) before the rounds', value: loadBefore, unit: '' });
  recordFigure({ group: GROUP, name: 'load average (1 min) after the rounds', value: loadAfter, unit: '' });
  const { peak } = rssMiB(emulator.process.child.pid!);
  recordFigure({
    group: GROUP,
    name: 'emulator peak RSS (whole process)',
    value: peak,
    unit: 'MiB',
    target: '< 150 MiB',
  });
  recordFigure({
    group: GROUP,
    name: 'emulator RSS after the last round vs after the first',
    value: rssAfterRound.at(-1)!,
    baseline: rssAfterRound[0]!,
    unit: 'MiB',
    target: 'flat (about 1.0x)',
  });
}, 1_800_000);

afterAll(async () => {
  await Promise.all([vsftpd?.process.stop(), emulator?.process.stop()]);
  await work?.remove();
});

async function loginToFirstList(server: BenchServer): Promise<void> {
  const client = new Client(10_000);
  try {
    await client.access({ host: '127.0.0.1', port: server.port, user: server.user, password: server.password });
    await client.list();
  } finally {
    client.close();
  }
}

describe('login to first LIST (basic-ftp, one session each)', () => {
  bench('vsftpd', () => loginToFirstList(vsftpd), { iterations: 100, time: 0, warmupIterations: 5 });
  bench('transfer-emulator', () => loginToFirstList(emulator), { iterations: 100, time: 0, warmupIterations: 5 });
});
