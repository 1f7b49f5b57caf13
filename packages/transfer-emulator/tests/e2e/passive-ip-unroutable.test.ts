import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.js';

// The client really tries the unroutable address, so it runs in a network namespace of its own with no link to the
// outside: the SYNs to 192.0.2.1 go nowhere, and nothing leaves this machine.
const namespace = `transfer-emulator-${randomBytes(3).toString('hex')}`;
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const temp = useTempDir('transfer-emulator-netns');
let root: string;

async function ip(...args: string[]): Promise<void> {
  const result = await runProcess('ip', args);
  if (result.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr}`);
}

beforeAll(async () => {
  root = temp.path;
  await mkdir(join(root, 'bucket/home/alice'), { recursive: true });
  await writeFile(
    join(root, 'idp.mjs'),
    "export const handler = async (e) => e.password === 'wonderland' ? { Role: 'arn:aws:iam::111122223333:role/r', HomeDirectory: '/bucket/home/alice' } : {};\n",
  );
  await ip('netns', 'add', namespace);
  await ip('-n', namespace, 'link', 'set', 'lo', 'up');
  // A veth pair with both ends inside the namespace: frames for 192.0.2.1 reach the peer, which does not
  // forward them, so the SYNs are silently dropped (a static neighbour entry avoids an ARP failure).
  await ip(
    '-n',
    namespace,
    'link',
    'add',
    'bh0',
    'type',
    'veth',
    'peer',
    'name',
    'bh1',
    'address',
    '02:00:00:00:00:02',
  );
  await ip('-n', namespace, 'link', 'set', 'bh0', 'up');
  await ip('-n', namespace, 'link', 'set', 'bh1', 'up');
  await ip('-n', namespace, 'route', 'add', '192.0.2.0/24', 'dev', 'bh0');
  await ip(
    '-n',
    namespace,
    'neigh',
    'add',
    '192.0.2.1',
    'lladdr',
    '02:00:00:00:00:02',
    'dev',
    'bh0',
    'nud',
    'permanent',
  );
});

afterAll(async () => {
  await runProcess('ip', ['netns', 'delete', namespace]);
});

describe('passive-ip-unroutable, from a client that follows the PASV address', () => {
  it('curl (PASV, not skipping the PASV address) times out connecting to 192.0.2.1', async () => {
    const emulator = spawn('ip', [
      'netns',
      'exec',
      namespace,
      process.execPath,
      cli,
      '--root',
      root,
      '--idp',
      join(root, 'idp.mjs'),
      '--port',
      '0',
      '--passive-ports',
      '30000-30008',
      '--fault',
      'passive-ip-unroutable',
      '--json',
    ]);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let output = '';
        emulator.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /ftp:\/\/127\.0\.0\.1:(\d+)/.exec(output);
          if (match) resolve(Number(match[1]));
        });
        emulator.on('close', (code) => reject(new Error(`emulator exited ${code}: ${output}`)));
      });
      const result = await runProcess('ip', [
        'netns',
        'exec',
        namespace,
        'curl',
        '-sS',
        '-v',
        '--disable-epsv',
        '--no-ftp-skip-pasv-ip',
        '--connect-timeout',
        '2',
        '--max-time',
        '6',
        '-u',
        'alice:wonderland',
        `ftp://127.0.0.1:${port}/`,
      ]);
      expect(result.stderr).toMatch(/< 227 Entering Passive Mode \(192,0,2,1,/);
      expect(result.stderr).toMatch(/192\.0\.2\.1/);
      expect(result.code).toBe(28);
    } finally {
      emulator.kill('SIGTERM');
      await new Promise((done) => emulator.once('close', done));
    }
  });
});
