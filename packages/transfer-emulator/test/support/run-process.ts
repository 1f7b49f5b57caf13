import { spawn } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs a real client (curl, lftp) with a hard time bound; a missing binary fails the test, never skips it. */
export function runProcess(
  command: string,
  args: string[],
  options: { timeoutMs?: number; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(`${command} could not be started (install it: .ci/install-debian-packages.sh): ${error.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, durationMs: Date.now() - started });
    });
    child.stdin.on('error', () => {}); // EPIPE when the child exits without reading its input: not a failure
    child.stdin.end(options.input ?? '');
  });
}

/** lftp with retries off and short timeouts, so a failure shows up as an exit code within the test's time. */
export function lftp(url: string, user: string, password: string, script: string[], settings: string[] = []) {
  const base = [
    'set net:max-retries 1',
    'set net:timeout 5',
    'set net:reconnect-interval-base 1',
    'set cmd:fail-exit yes',
  ];
  return runProcess(
    'lftp',
    ['-u', `${user},${password}`, '-e', [...base, ...settings, ...script, 'bye'].join('; '), url],
    {
      timeoutMs: 30_000,
    },
  );
}
