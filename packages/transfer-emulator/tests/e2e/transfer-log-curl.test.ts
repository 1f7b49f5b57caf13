// The CLI's Transfer-format logs with curl as the client: records in a --log-file, counted by the metric filters a
// Transfer server's alarms use (AUTH_FAILURE, ERROR, PARTIAL_CLOSE), and FTPS's TLS_RESUME_FAILURE.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePortRange, requireBinary, useTempDir } from '@closed-ftp/test-support';
import { compileMetricFilter, countMatches } from '@closed-ftp/test-support/metric-filter';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, prepareCliRoot, startCli, stopCli } from '../support/cli-process.js';
import { runProcess } from '../support/run-process.js';

const temp = useTempDir('transfer-emulator-transfer-log');
let root: string;
let idp: string;

beforeAll(async () => {
  root = temp.path;
  idp = await prepareCliRoot(root);
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 50));
  expect(check()).toBe(true);
}

const curl = (...args: string[]) => runProcess('curl', ['-sS', '--max-time', '10', ...args]);

describe('--log-format transfer', () => {
  it('writes records a metric filter counts, to --log-file, while stdout keeps the start line', async () => {
    const logFile = join(root, 'transfer.log');
    const { child, first } = await startCli(root, idp, ['--log-format', 'transfer', '--log-file', logFile]);
    expect(first).toMatch(/^transfer-emulator listening on ftp:\/\/127\.0\.0\.1:\d+ /);
    const port = /:(\d+) /.exec(first)![1];
    try {
      expect((await curl('-u', 'alice:wonderland', `ftp://127.0.0.1:${port}/hello.txt`)).stdout).toBe('hello\n');
      expect((await curl('-u', 'alice:guess', `ftp://127.0.0.1:${port}/`)).code).toBe(67);
      // STOR straight into a bucket that does not exist (no CWD first): a 550 from storage, an ERROR record.
      const stored = await curl(
        '--ftp-method',
        'nocwd',
        '-u',
        'alice:wonderland',
        '-T',
        idp,
        `ftp://127.0.0.1:${port}/%2Fnobucket/x.mjs`,
      );
      expect(stored.code).toBe(25);
    } finally {
      expect(await stopCli(child)).toBe(0);
    }
    const lines = (await readFile(logFile, 'utf8')).trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('activity-type');
    expect(countMatches('{ $.activity-type = "AUTH_FAILURE" }', lines)).toBe(1);
    expect(countMatches('{ $.activity-type = "ERROR" && $.message = "File not found" }', lines)).toBe(1);
    expect(countMatches('{ $.activity-type = "ERROR" || $.activity-type = "AUTH_FAILURE" }', lines)).toBe(2);
    expect(countMatches('{ $.activity-type = "CLOSE" && $.bytes-out = "6" }', lines)).toBe(1);
    expect(countMatches('{ $.activity-type = "CONNECTED" && $.user = "alice" }', lines)).toBe(2);
    expect(countMatches('{ $.activity-type = "DISCONNECTED" }', lines)).toBe(2);
    expect(countMatches('{ $.activity-type = "EXIT_REASON" }', lines)).toBe(0); // every session ended by the client
    expect(lines.join('\n')).not.toContain('guess');
    expect(lines.join('\n')).not.toContain('wonderland');
  });

  it('prints only records on stdout, counts a killed upload as PARTIAL_CLOSE and a non-resumed TLS data connection', async () => {
    const { from, to } = await freePortRange(9);
    const child = spawn(process.execPath, [
      CLI,
      '--root',
      root,
      '--idp',
      idp,
      '--port',
      '0',
      '--passive-ports',
      `${from}-${to}`,
      '--ftps',
      '--log-format',
      'transfer',
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const listening = await new Promise<string>((done) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('connect: ')) done(stderr.split('\n')[0]!);
      });
      child.on('close', () => done(stderr));
    });
    const port = /:(\d+) /.exec(listening)![1];
    const url = `ftp://127.0.0.1:${port}`;
    try {
      expect(listening).toMatch(/^transfer-emulator listening on ftp:\/\/127\.0\.0\.1:\d+ .*FTPS\)$/);
      expect(stdout).toBe(''); // records only, and none yet

      // curl killed mid-upload: both its connections close at once, as when a client machine goes away.
      const upload = spawn(requireBinary('curl', 'curl'), [
        '-sS',
        '--ssl-reqd',
        '-k',
        '-u',
        'alice:wonderland',
        '-T',
        '-',
        `${url}/big.bin`,
      ]);
      upload.stdin.write(Buffer.alloc(256 * 1024, 1));
      await waitFor(() => stdout.includes('"OPEN"'));
      await new Promise((done) => setTimeout(done, 300));
      upload.kill('SIGKILL');
      await waitFor(() => stdout.includes('PARTIAL_CLOSE'));

      // Without session-id reuse, curl's data connection starts a new TLS session: ENFORCED refuses it.
      const fresh = await runProcess('curl', [
        '-sS',
        '--max-time',
        '10',
        '--ssl-reqd',
        '-k',
        '--no-sessionid',
        '-u',
        'alice:wonderland',
        `${url}/hello.txt`,
      ]);
      expect(fresh.code).not.toBe(0);
      await waitFor(() => stdout.includes('TLS_RESUME_FAILURE'));
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('close', done));
    }
    const lines = stdout.trim().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('resource-arn');
    expect(countMatches('{ $.activity-type = "PARTIAL_CLOSE" }', lines)).toBe(1);
    const partial = JSON.parse(
      lines.find((line) => compileMetricFilter('{ $.activity-type = "PARTIAL_CLOSE" }').matches(line))!,
    );
    expect(partial).toMatchObject({ path: '/bucket/home/alice/big.bin' });
    expect(Number(partial['bytes-in'])).toBeGreaterThan(0);
    expect(
      countMatches(
        '{ $.activity-type = "TLS_RESUME_FAILURE" && $.message = "Data connection must use cached TLS session" }',
        lines,
      ),
    ).toBe(1);
    // SIGTERM ended the sessions still open: each says why.
    expect(countMatches('{ $.activity-type = "EXIT_REASON" && $.message = "Service closing*" }', lines)).toBe(
      countMatches('{ $.activity-type = "EXIT_REASON" }', lines),
    );
  }, 60_000);
});
