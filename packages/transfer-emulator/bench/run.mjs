#!/usr/bin/env node
// Side by side on loopback: the emulator (its CLI, as users run it) and vsftpd (Debian), same file, same clients.
// 1. 1 GiB upload and download with curl, three alternating rounds (median): throughput ratios, the emulator's
//    CPU seconds per uploaded GiB, its peak RSS.
// 2. Login-to-first-LIST latency over 100 sequential sessions with basic-ftp: median and p95 ratio.
// Needs root (vsftpd), curl and /usr/sbin/vsftpd. Takes about two minutes.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'basic-ftp';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const GIB = 1024 ** 3;
const SESSIONS = 100;
const ROUNDS = 3;
const work = mkdtempSync(join(tmpdir(), 'transfer-emulator-bench-'));
const children = [];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function freeRange(count) {
  for (;;) {
    const from = 20000 + Math.floor(Math.random() * 40000);
    const ok = await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise((resolve) => {
            const server = createServer()
              .once('error', () => resolve(false))
              .listen(from + i, '127.0.0.1', () => server.close(() => resolve(true)));
          }),
      ),
    );
    if (ok.every(Boolean)) return { from, to: from + count - 1 };
  }
}

function waitForPort(port) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const attempt = () => {
      const socket = createServer();
      socket.once('error', () => resolve()); // in use: the server is listening
      socket.listen(port, '127.0.0.1', () =>
        socket.close(() =>
          Date.now() > deadline ? reject(new Error(`port ${port} never opened`)) : setTimeout(attempt, 100),
        ),
      );
    };
    attempt();
  });
}

async function startEmulator() {
  const root = join(work, 'emulator');
  mkdirSync(join(root, 'bucket'), { recursive: true });
  const idp = join(work, 'idp.mjs');
  writeFileSync(
    idp,
    "export const handler = async () => ({ Role: 'arn:aws:iam::111122223333:role/bench', HomeDirectory: '/bucket' });\n",
  );
  const port = await freePort();
  const range = await freeRange(9);
  const child = spawn(
    process.execPath,
    [
      cli,
      '--root',
      root,
      '--idp',
      idp,
      '--port',
      String(port),
      '--passive-ports',
      `${range.from}-${range.to}`,
      '--json',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(child);
  await waitForPort(port);
  return {
    name: 'transfer-emulator',
    port,
    user: 'bench',
    password: 'bench',
    pid: child.pid,
    folder: join(root, 'bucket'),
  };
}

async function startVsftpd() {
  const anonRoot = join(work, 'vsftpd');
  const upload = join(anonRoot, 'upload');
  const empty = join(work, 'vsftpd-empty');
  mkdirSync(upload, { recursive: true });
  mkdirSync(empty);
  chownSync(upload, 103, 65534); // the Debian `ftp` user writes uploads; the chroot itself stays root-owned
  const port = await freePort();
  const range = await freeRange(9);
  const config = join(work, 'vsftpd.conf');
  writeFileSync(
    config,
    [
      'listen=YES',
      'listen_ipv6=NO',
      'listen_address=127.0.0.1',
      `listen_port=${port}`,
      'background=NO',
      'anonymous_enable=YES',
      'no_anon_password=YES',
      `anon_root=${anonRoot}`,
      'local_enable=NO',
      'write_enable=YES',
      'anon_upload_enable=YES',
      'anon_other_write_enable=YES',
      'anon_umask=022',
      'pasv_enable=YES',
      `pasv_min_port=${range.from}`,
      `pasv_max_port=${range.to}`,
      'seccomp_sandbox=NO',
      'xferlog_enable=NO',
      `secure_chroot_dir=${empty}`,
      'dirmessage_enable=NO',
      'use_localtime=NO',
      'pam_service_name=vsftpd',
      '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/vsftpd', [config], { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  await waitForPort(port);
  return { name: 'vsftpd', port, user: 'anonymous', password: '', pid: child.pid, folder: upload, prefix: 'upload/' };
}

function curl(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync('curl', ['-sS', '--max-time', '300', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`curl ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout) || 100;

/**
 * CPU seconds of the emulator's process: unlike wall-clock throughput it holds still on a busy machine. (Not
 * compared with vsftpd, whose per-session processes are not reliably reaped, hence counted, in time.)
 */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function throughput(server, file) {
  const url = `ftp://127.0.0.1:${server.port}/${server.prefix ?? ''}big.bin`;
  const auth = ['-u', `${server.user}:${server.password}`];
  const before = cpuSeconds(server.pid);
  const up = curl([...auth, '-T', file, url]);
  const uploadCpuSeconds = cpuSeconds(server.pid) - before;
  const down = curl([...auth, '-o', '/dev/null', url]);
  rmSync(join(server.folder, 'big.bin'), { force: true });
  return {
    uploadMiBps: 1024 / up,
    downloadMiBps: 1024 / down,
    uploadCpuSeconds,
  };
}

async function loginToFirstList(server) {
  const times = [];
  for (let i = 0; i < SESSIONS; i++) {
    const client = new Client(10_000);
    const started = process.hrtime.bigint();
    await client.access({ host: '127.0.0.1', port: server.port, user: server.user, password: server.password });
    await client.list();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    client.close();
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], p95Ms: times[Math.floor(times.length * 0.95)] };
}

const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

try {
  if (process.getuid?.() !== 0) throw new Error('run as root: vsftpd needs it');
  const file = join(tmpdir(), `transfer-emulator-bench-${process.pid}.bin`);
  process.stdout.write(`writing a 1 GiB file to ${file}...\n`);
  spawnSync('sh', ['-c', `head -c ${GIB} /dev/urandom > '${file}'`], { stdio: 'inherit' });
  try {
    const emulator = await startEmulator();
    const vsftpd = await startVsftpd();
    const results = { vsftpd: {}, 'transfer-emulator': {} };
    // Alternating rounds, median kept: the machine is shared, single runs vary by a factor of two.
    const rounds = { vsftpd: [], 'transfer-emulator': [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const server of [vsftpd, emulator]) {
        process.stdout.write(`round ${round}/${ROUNDS} ${server.name}: 1 GiB upload and download with curl...\n`);
        rounds[server.name].push(await throughput(server, file));
      }
    }
    for (const server of [vsftpd, emulator]) {
      const median = (key) => rounds[server.name].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
      results[server.name] = Object.fromEntries(
        ['uploadMiBps', 'downloadMiBps', 'uploadCpuSeconds'].map((key) => [key, median(key)]),
      );
      if (server === vsftpd) delete results.vsftpd.uploadCpuSeconds; // see cpuSeconds()
      process.stdout.write(`${server.name}: ${SESSIONS} sequential sessions, login to first LIST...\n`);
      Object.assign(results[server.name], await loginToFirstList(server));
    }
    const peak = peakRssMiB(emulator.pid);
    const e = results['transfer-emulator'];
    const v = results.vsftpd;
    const report = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, loopback`,
      vsftpd: Object.fromEntries(Object.entries(v).map(([k, n]) => [k, round(n, 2)])),
      emulator: Object.fromEntries(Object.entries(e).map(([k, n]) => [k, round(n, 2)])),
      ratios: {
        upload: round(e.uploadMiBps / v.uploadMiBps, 2),
        download: round(e.downloadMiBps / v.downloadMiBps, 2),
        loginToFirstListMedian: round(e.medianMs / v.medianMs, 2),
      },
      emulatorPeakRssMiB: round(peak),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(file, { force: true });
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 500));
  rmSync(work, { recursive: true, force: true });
}
