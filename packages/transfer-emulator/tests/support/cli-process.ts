import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePortRange } from '@closed-ftp/test-support';

/** The built CLI, run as users run it. */
export const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

/** A root with alice's home and hello.txt, and an IdP module allowing alice/wonderland; returns the IdP's path. */
export async function prepareCliRoot(root: string): Promise<string> {
  await mkdir(join(root, 'bucket/home/alice'), { recursive: true });
  await writeFile(join(root, 'bucket/home/alice/hello.txt'), 'hello\n');
  const idp = join(root, 'idp.mjs');
  await writeFile(
    idp,
    "export const handler = async (e) => e.password === 'wonderland' ? { Role: 'arn:aws:iam::111122223333:role/r', HomeDirectory: '/bucket/home/alice' } : {};\n",
  );
  return idp;
}

/** Starts the CLI on free ports and resolves with its first output line. */
export async function startCli(
  root: string,
  idpModule: string,
  extra: string[],
  cwd?: string,
): Promise<{ child: ChildProcessWithoutNullStreams; first: string; output: () => string }> {
  for (let attempt = 0; ; attempt++) {
    const { from, to } = await freePortRange(9);
    const child = spawn(
      process.execPath,
      [CLI, '--root', root, '--idp', idpModule, '--port', '0', '--passive-ports', `${from}-${to}`, ...extra],
      cwd === undefined ? {} : { cwd },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const first = await new Promise<string | undefined>((resolve) => {
      child.stdout.on('data', () => {
        if (output.includes('\n')) resolve(output.split('\n')[0]);
      });
      child.on('close', () => resolve(undefined));
    });
    if (first !== undefined) return { child, first, output: () => output };
    if (attempt > 10) throw new Error('the CLI did not start');
  }
}

export function stopCli(
  child: ChildProcessWithoutNullStreams,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  return new Promise((done) => {
    child.once('close', (code) => done(code));
    child.kill(signal);
  });
}
