import { requireBinary, runProcess as run } from '@closed-ftp/test-support';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** The Debian package of each peer these tests run, for the install hint of a missing one. */
const DEBIAN_PACKAGE: Record<string, string> = { curl: 'curl', lftp: 'lftp', ip: 'iproute2', python3: 'python3' };

/**
 * Runs a real client (curl, lftp) with a hard time bound and says how long it took (what the fault tests assert);
 * a missing binary fails the test with its install hint, never skips it.
 */
export async function runProcess(
  command: string,
  args: string[],
  options: { timeoutMs?: number; input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ProcessResult> {
  const binary = command.startsWith('/') ? command : requireBinary(command, DEBIAN_PACKAGE[command] ?? command);
  const started = Date.now();
  const result = await run(binary, args, {
    timeoutMs: options.timeoutMs ?? 15_000,
    input: options.input ?? '',
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, durationMs: Date.now() - started };
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
