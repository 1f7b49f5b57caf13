#!/usr/bin/env node
// The README's commands (`npm run demo`, `npm test`, `npm run test:unit`, `npm run docs`...) need only Node and npm:
// this script fetches the pinned pnpm through npx, installs the workspace, and runs the task through turbo.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const ci = Boolean(process.env.CI);
const colour = ci || process.env.NO_COLOR ? ['--no-color'] : [];
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  // Node 22+ tools (vite) cache compiled code in the temp dir unless told where: keep it out of the tests' temp dir.
  NODE_COMPILE_CACHE:
    process.env.NODE_COMPILE_CACHE ?? fileURLToPath(new URL('node_modules/.cache/node-compile-cache', root)),
  ...(colour.length > 0 ? { NO_COLOR: '1', FORCE_COLOR: '0' } : {}),
};

const checks = ['typecheck', 'lint:package'];
// What `pnpm publish -r` would publish, packed and checked without publishing (after the build).
const publishDryRun = ['publish', '-r', '--dry-run', '--no-git-checks'];
const tasks = {
  demo: {
    steps: [
      ['exec', 'turbo', 'run', 'build', '--filter=@closed-ftp/local-demo...', '--output-logs=errors-only', ...colour],
      ['--filter', '@closed-ftp/local-demo', 'run', 'demo'],
    ],
    announce: 'closed-ftp: building the packages the demo uses (about two minutes the first time)...',
  },
  test: {
    steps: [
      ['exec', 'biome', 'check', '.', ...(colour.length > 0 ? ['--colors=off'] : [])],
      ['exec', 'turbo', 'run', 'build', ...checks, 'test', '--concurrency=1', ...colour],
      publishDryRun,
    ],
    debianPeers: true,
    cleanTemp: true,
  },
  'test:unit': {
    steps: [['exec', 'turbo', 'run', 'build', ...checks, 'test:unit', '--concurrency=1', ...colour]],
    cleanTemp: true,
  },
  // The packages as an integrator meets them (packed, installed with npm); part of test and test:unit too.
  'test:outside-in': {
    steps: [['exec', 'turbo', 'run', 'test', '--filter=@closed-ftp/outside-in', '--concurrency=1', ...colour]],
    cleanTemp: true,
  },
  docs: {
    steps: [
      ['exec', 'turbo', 'run', 'build', '--filter=@closed-ftp/docs^...', '--output-logs=errors-only', ...colour],
      ['--filter', '@closed-ftp/docs', 'run', 'dev'],
    ],
  },
  'docs:build': { steps: [['exec', 'turbo', 'run', 'build', '--filter=@closed-ftp/docs...', ...colour]] },
  lint: {
    steps: [['exec', 'biome', 'check', '.'], ['exec', 'turbo', 'run', 'lint:package', ...colour], publishDryRun],
  },
  bench: { steps: [['exec', 'turbo', 'run', 'bench', '--concurrency=1', ...colour]], debianPeers: true },
};

const name = process.argv[2];
const task = tasks[name];
if (task === undefined) {
  console.error(`usage: node scripts/workspace.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}

/** Runs a command to its end; returns its exit status (a command that cannot start at all ends the script). */
function status(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.error) {
    console.error(`closed-ftp: cannot run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

function run(command, args, extraEnv) {
  const code = status(command, args, extraEnv);
  if (code !== 0) process.exit(code);
}

function succeeds(command, args) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

// The integration tests drive real FTP servers, clients and Chromium from Debian, and build network namespaces.
function installDebianPeers() {
  if (process.platform !== 'linux' || !succeeds('sh', ['-c', 'command -v apt-get'])) {
    console.error(
      `closed-ftp: npm run ${name} needs Debian (apt-get) for its real FTP peers and network namespaces; run \`npm run test:unit\` for the tests that need only Node and npm.`,
    );
    process.exit(2);
  }
  const script = ['bash', '.ci/install-debian-packages.sh'];
  if (process.getuid?.() === 0) return run(script[0], script.slice(1));
  if (!succeeds('sudo', ['-n', 'true'])) {
    console.error(
      `closed-ftp: npm run ${name} needs root or passwordless sudo (it installs lftp, curl, vsftpd, pure-ftpd, nftables, iproute2 and chromium, and builds network namespaces); run \`npm run test:unit\` for the tests that need only Node and npm.`,
    );
    process.exit(2);
  }
  run('sudo', ['-n', ...script]);
}

const pnpmCommand = (args) => ['npx', ['--yes', packageManager, ...args]];
const pnpm = (args) => run(...pnpmCommand(args));

// Every test runs with its own temp dir, which must be empty again at the end: a test that leaves a folder fails the run.
function withCleanTemp(steps) {
  const temp = mkdtempSync(join(tmpdir(), 'closed-ftp-test-run-'));
  chmodSync(temp, 0o1777); // servers the tests start as other users (vsftpd's ftp user) read their folders there
  let code = 0;
  for (const args of steps) {
    code = status(...pnpmCommand(args), { TMPDIR: temp, TMP: temp, TEMP: temp });
    if (code !== 0) break;
  }
  const left = readdirSync(temp);
  rmSync(temp, { recursive: true, force: true });
  if (left.length > 0) {
    console.error(`closed-ftp: the tests left ${left.length} entries in the temp dir: ${left.slice(0, 10).join(', ')}`);
    code ||= 1;
  }
  process.exit(code);
}

if (task.debianPeers) installDebianPeers();
pnpm(['install', ...(ci ? ['--frozen-lockfile'] : []), '--reporter=append-only']);
if (task.announce) console.log(task.announce);
if (task.cleanTemp) withCleanTemp(task.steps);
else for (const args of task.steps) pnpm(args);
