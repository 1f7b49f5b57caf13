import { type ChildProcess, spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { type RunResult, runProcess } from '@closed-ftp/test-support';

/** How the user's machine reaches the registry: a Node from npm reads neither Debian's CA store nor /usr/etc/npmrc. */
const NETWORK = [
  'NODE_EXTRA_CA_CERTS',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

/**
 * The environment of a user's shell: the Node running this suite first on PATH, no workspace `node_modules/.bin`,
 * none of pnpm's or vitest's variables, and a temp dir inside the suite's own (so caches of tsx, jest... go too).
 */
export function userEnv(tmp: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? '').split(':').filter((dir) => dir !== '' && !dir.includes('node_modules'));
  const keep = ['HOME', 'USER', 'LANG', 'TZ', 'CI', 'NO_COLOR', 'FORCE_COLOR', 'NODE_COMPILE_CACHE', ...NETWORK];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    ...env,
    PATH: [dirname(process.execPath), ...path].join(':'),
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    ...extra,
  };
}

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

/** Runs a README's shell lines with bash, stopping at the first failing one, as a reader pasting them would see. */
export function shell(script: string, options: ShellOptions): Promise<RunResult> {
  return runProcess('bash', ['-eo', 'pipefail', '-c', script], { timeoutMs: 300_000, ...options });
}

/** A command's result in one string, for assertion messages. */
export function describeResult(result: RunResult): string {
  return `exit ${result.code ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

export interface LongRunning {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process ends or `timeoutMs` passes. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Ends the whole process group (npx, the shell and the server under them). */
  stop(): Promise<void>;
}

/** Starts a server command in its own process group, so `stop()` leaves no grandchild behind. */
export function startShell(script: string, options: ShellOptions): LongRunning {
  const child = spawn('bash', ['-c', script], { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {} // the group is already gone
  };
  return {
    child,
    output: () => output,
    async waitFor(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`);
        }
        if (Date.now() > until) throw new Error(`no ${pattern} after ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup('SIGTERM');
        const killer = setTimeout(() => signalGroup('SIGKILL'), 3_000);
        await exited;
        clearTimeout(killer);
      }
      signalGroup('SIGKILL'); // a grandchild that ignored SIGTERM after its parent left
    },
  };
}
