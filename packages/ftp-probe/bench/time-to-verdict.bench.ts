// Time to a verdict when the data ports are dropped (like a security group without 8192-8200): ftp-probe with its
// defaults vs lftp and curl with theirs, all against the same vsftpd in a network namespace behind nftables.
import { spawn } from 'node:child_process';
import { requireBinary } from '@closed-ftp/test-support';
import { recordFigure } from '@closed-ftp/test-support/bench';
import { afterAll, bench, describe } from 'vitest';
import { probe } from '../src/index.js';
import { type BlockedNetwork, createBlockedNetwork } from '../tests/support/blocked-network.js';
import { type RunningVsftpd, startVsftpd } from '../tests/support/vsftpd.js';

const CAP_SECONDS = Number(process.env.FTP_PROBE_BENCH_CAP_SECONDS ?? 600);
const GROUP = `time to verdict, data ports dropped (peers capped at ${CAP_SECONDS} s)`;

/** Runs a peer client until it exits or the cap; returns seconds and how it ended. */
function timePeer(command: string, args: string[]): Promise<{ seconds: number; ended: string }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return new Promise((resolve) => {
    const cap = setTimeout(() => child.kill('SIGKILL'), CAP_SECONDS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(cap);
      const seconds = (performance.now() - started) / 1000;
      resolve({ seconds, ended: signal === 'SIGKILL' ? `still trying at the ${CAP_SECONDS} s cap` : `exit ${code}` });
    });
  });
}

// Set up at the top level: vitest bench runs no beforeAll hooks, and only top-level afterAll ones.
requireBinary('lftp', 'lftp');
requireBinary('curl', 'curl');
const network: BlockedNetwork = createBlockedNetwork();
afterAll(() => network.remove());
const server: RunningVsftpd = await startVsftpd(
  { max_per_ip: '0' },
  { host: network.serverIp, namespace: network.namespace },
);
afterAll(() => server.stop());
network.dropTcp(server.passive.from, server.passive.to);

describe('time to verdict', () => {
  // One run of each side by side (the peers take minutes): the figures are the result, not the bench's own time.
  bench(
    'ftp-probe, lftp and curl with their defaults, side by side',
    async () => {
      const host = network.serverIp;
      // The peers get the password on their command line: a benchmark-only throw-away account.
      const lftp = timePeer('lftp', [
        '-u',
        `${server.user},${server.password}`,
        '-p',
        String(server.port),
        '-e',
        'ls; bye',
        host,
      ]);
      const curl = timePeer('curl', [
        '-s',
        '-o',
        '/dev/null',
        '-u',
        `${server.user}:${server.password}`,
        `ftp://${host}:${server.port}/`,
      ]);
      const started = performance.now();
      const report = await probe(`ftp://${server.user}@${host}:${server.port}`, { password: server.password });
      const probeSeconds = (performance.now() - started) / 1000;
      if (report.firstFailure?.step !== 'epsv')
        throw new Error(`expected a failure at epsv: ${JSON.stringify(report.firstFailure)}`);
      const [lftpResult, curlResult] = await Promise.all([lftp, curl]);
      const target = `verdict ${report.verdict} at ${report.firstFailure.step}, top cause ${report.causes[0]?.id}`;
      recordFigure({
        group: GROUP,
        name: 'ftp-probe (5 s per data connection, 30 s in all)',
        value: probeSeconds,
        unit: 's',
        target,
      });
      recordFigure({
        group: GROUP,
        name: `curl: ${curlResult.ended}`,
        value: curlResult.seconds,
        unit: 's',
        baseline: probeSeconds,
      });
      recordFigure({
        group: GROUP,
        name: `lftp: ${lftpResult.ended}`,
        value: lftpResult.seconds,
        unit: 's',
        baseline: probeSeconds,
      });
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
