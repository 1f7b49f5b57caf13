import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunResult, runProcess } from '@closed-ftp/test-support';
import { userEnv } from './commands.js';

/** A folder of its own inside the project, where one quick start runs as a reader's working directory. */
export function workFolder(project: string, name: string): string {
  const dir = join(project, 'work', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes a README's TypeScript block to `file` and runs it with `npx tsx`, as the reader would. */
export function runTypeScript(
  dir: string,
  file: string,
  code: string,
  tmp: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  writeFileSync(join(dir, file), code);
  return runProcess('npx', ['tsx', file], { cwd: dir, env: userEnv(tmp, env), timeoutMs: 300_000 });
}

/** Appends options to the last command of a shell block (the suite's only change to a CLI quick start: free ports). */
export function appendToLastCommand(code: string, options: string): string {
  const lines = code.replace(/\n+$/, '').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line !== '' && !line.startsWith('#')) {
      lines[i] = `${lines[i]} ${options}`;
      return `${lines.join('\n')}\n`;
    }
  }
  throw new Error(`no command in the block:\n${code}`);
}
