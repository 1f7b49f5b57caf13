// Time to a verdict when the data ports are dropped (like a security group without 8192-8200): ftp-probe with its
// defaults vs lftp and curl with theirs, all against the same vsftpd in a network namespace behind nftables.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { probe } from '../src/index.js';
import { type BlockedNetwork, createBlockedNetwork } from '../tests/support/blocked-network.js';
import { requireBinary } from '@closed-ftp/test-support';
import { type RunningVsftpd, startVsftpd } from '../tests/support/vsftpd.js';
import { writeResult } from './report.js';

const CAP_SECONDS = Number(process.env.FTP_PROBE_BENCH_CAP_SECONDS ?? 600);

/** Runs a peer client until it exits or the cap; returns seconds and how it ended. */
function timePeer(command: string, args: string[]): Promise<{ seconds: number; exit: string }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return new Promise((resolve) => {
    const cap = setTimeout(() => child.kill('SIGKILL'), CAP_SECONDS * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(cap);
      const seconds = (performance.now() - started) / 1000;
      resolve({ seconds, exit: signal === 'SIGKILL' ? `still trying at the ${CAP_SECONDS} s cap` : `exit ${code}` });
    });
  });
}

let network: BlockedNetwork;
let server: RunningVsftpd;
beforeAll(async () => {
  requireBinary('/usr/bin/lftp', 'lftp');
  requireBinary('/usr/bin/curl', 'curl');
  network = createBlockedNetwork();
  server = await startVsftpd({ max_per_ip: '0' }, { host: network.serverIp, namespace: network.namespace });
  network.dropTcp(server.passive.from, server.passive.to);
});
afterAll(async () => {
  await server?.stop();
  network?.remove();
});

it('time to verdict with dropped data ports', async () => {
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
  expect(report.firstFailure?.step).toBe('epsv');
  const [lftpResult, curlResult] = await Promise.all([lftp, curl]);
  writeResult('time-to-verdict', {
    setup: 'vsftpd in a network namespace, nftables dropping its passive ports; every client with its defaults',
    capSeconds: CAP_SECONDS,
    ftpProbe: {
      seconds: +probeSeconds.toFixed(2),
      verdict: report.verdict,
      firstFailure: report.firstFailure,
      topCause: report.causes[0]?.id,
    },
    lftp: {
      seconds: +lftpResult.seconds.toFixed(1),
      ended: lftpResult.exit,
      ratioToProbe: +(lftpResult.seconds / probeSeconds).toFixed(1),
    },
    curl: {
      seconds: +curlResult.seconds.toFixed(1),
      ended: curlResult.exit,
      ratioToProbe: +(curlResult.seconds / probeSeconds).toFixed(1),
    },
  });
});
