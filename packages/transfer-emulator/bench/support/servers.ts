import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  freePortRange,
  requireBinary,
  type StartedProcess,
  startProcess,
  waitForPort,
} from '@closed-ftp/test-support';

/** One FTP server under measurement, and where its uploads land. */
export interface BenchServer {
  name: string;
  port: number;
  user: string;
  password: string;
  process: StartedProcess;
  /** The folder holding what is uploaded to `path`. */
  folder: string;
  /** The URL path of an upload, e.g. `upload/` for vsftpd's anonymous upload folder. */
  prefix: string;
}

/** The build under measurement; TRANSFER_EMULATOR_BENCH_CLI points at another (an older build, for before/after). */
const CLI = process.env.TRANSFER_EMULATOR_BENCH_CLI ?? new URL('../../dist/cli.js', import.meta.url).pathname;

/** The emulator as users run it: its CLI, local folder storage, an IdP module allowing everyone. */
export async function startEmulatorCli(work: string): Promise<BenchServer> {
  const root = join(work, 'emulator');
  mkdirSync(join(root, 'bucket'), { recursive: true });
  const idp = join(work, 'idp.mjs');
  writeFileSync(
    idp,
    "export const handler = async () => ({ Role: 'arn:aws:iam::111122223333:role/bench', HomeDirectory: '/bucket' });\n",
  );
  const port = await freePort();
  const range = await freePortRange(9);
  const child = startProcess(process.execPath, [
    CLI,
    ...['--root', root, '--idp', idp, '--port', String(port), '--passive-ports', `${range.from}-${range.to}`],
    '--json',
  ]);
  await waitForPort(port, '127.0.0.1', 20_000);
  return {
    name: 'transfer-emulator',
    port,
    user: 'bench',
    password: 'bench',
    process: child,
    folder: join(root, 'bucket'),
    prefix: '',
  };
}

/** The `ftp` user's uid on this machine (102 or 103 on Debian, depending on what was installed first). */
function ftpUid(): number {
  const result = spawnSync('id', ['-u', 'ftp'], { encoding: 'utf8' });
  const uid = Number(result.stdout.trim());
  if (result.status !== 0 || !Number.isInteger(uid)) {
    throw new Error('no `ftp` user on this machine: install vsftpd (bash .ci/install-debian-packages.sh, as root)');
  }
  return uid;
}

/** vsftpd from Debian with anonymous uploads, the baseline. Needs root. */
export async function startVsftpd(work: string): Promise<BenchServer> {
  if (process.getuid?.() !== 0) throw new Error('run the benchmark as root: vsftpd needs it');
  const vsftpd = requireBinary('/usr/sbin/vsftpd', 'vsftpd');
  const anonRoot = join(work, 'vsftpd');
  const upload = join(anonRoot, 'upload');
  const empty = join(work, 'vsftpd-empty');
  mkdirSync(upload, { recursive: true });
  mkdirSync(empty);
  chownSync(upload, ftpUid(), 65534); // the `ftp` user writes uploads; the chroot itself stays root-owned
  const port = await freePort();
  const range = await freePortRange(9);
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
  const child = startProcess(vsftpd, [config]);
  await waitForPort(port, '127.0.0.1', 20_000);
  return { name: 'vsftpd', port, user: 'anonymous', password: '', process: child, folder: upload, prefix: 'upload/' };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** utime + stime of a process (all its threads) so far, and its parent; undefined once it is gone. */
function procStat(pid: number): { cpu: number; parent: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { cpu: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS, parent: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds a process and all its descendants use from now until `stop()`, counting processes that start and
 * exit in between: vsftpd forks a process per session and another per login, and nobody waits for the one that
 * moves the data, so its time reaches no parent's `cutime`. Known processes are read every `everyMs`, /proc is
 * scanned for new descendants every fifth time (a process's counters start at its birth, so finding it late loses
 * nothing); a process that exits loses only what it used after its last reading, at most `everyMs` of CPU.
 */
export function treeCpuSampler(root: number, everyMs = 10): { stop(): number } {
  const start = new Map<number, number>();
  const last = new Map<number, number>();
  const read = (pid: number) => {
    const stat = procStat(pid);
    if (stat) last.set(pid, stat.cpu);
  };
  const scan = () => {
    const parents = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || last.has(pid)) continue;
      const stat = procStat(pid);
      if (stat) parents.set(pid, stat.parent);
    }
    const inTree = (pid: number): boolean =>
      pid === root || last.has(pid) || (parents.has(pid) && inTree(parents.get(pid)!));
    for (const pid of parents.keys()) if (inTree(pid)) read(pid);
  };
  read(root);
  scan();
  for (const [pid, cpu] of last) start.set(pid, cpu);
  let tick = 0;
  const timer = setInterval(() => {
    for (const pid of last.keys()) read(pid);
    if (++tick % 5 === 0) scan();
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      for (const pid of last.keys()) read(pid);
      scan();
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (start.get(pid) ?? 0);
      return total;
    },
  };
}

/** A process's current and peak resident memory, MiB. */
export function rssMiB(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}
