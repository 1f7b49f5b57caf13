import { join } from 'node:path';
import { runProcess } from '@closed-ftp/test-support';

/** The built CLI (tests run after `pnpm run build`, as turbo's `test` task does). */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

/** Runs `network-check ...args` and returns its exit status and output. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runProcess(process.execPath, [CLI, ...args], { env, timeoutMs: 30_000 });
  return { code: code ?? -1, stdout, stderr };
}
