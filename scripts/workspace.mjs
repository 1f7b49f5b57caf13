#!/usr/bin/env node
// The README's commands (`npm run demo`, `npm test`) need only Node and npm: this script fetches the pinned
// pnpm through npx, installs the workspace, and runs the task through turbo.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

const tasks = {
  demo: [
    ['exec', 'turbo', 'run', 'build', '--filter=@closed-ftp/local-demo...', '--output-logs=errors-only'],
    ['--filter', '@closed-ftp/local-demo', 'run', 'demo'],
  ],
  test: [
    ['exec', 'biome', 'check', '.'],
    ['exec', 'turbo', 'run', 'build', 'typecheck', 'lint:package', 'test', '--output-logs=new-only', '--concurrency=1'],
  ],
  bench: [['exec', 'turbo', 'run', 'bench', '--concurrency=1']],
};

const task = process.argv[2];
if (!(task in tasks)) {
  console.error(`usage: node scripts/workspace.mjs <${Object.keys(tasks).join('|')}>`);
  process.exit(2);
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The tests drive real FTP servers and clients from Debian: install them where we can (root, or sudo without a prompt).
function installTestPeers() {
  if (process.platform !== 'linux' || spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) {
    console.warn('closed-ftp: not Debian; install lftp, curl, vsftpd, pure-ftpd, nftables and iproute2 yourself.');
    return;
  }
  const script = ['bash', '.ci/install-debian-packages.sh'];
  if (process.getuid?.() === 0) run(script[0], script.slice(1));
  else run('sudo', ['-n', ...script]);
}

function pnpm(args) {
  run('npx', ['--yes', packageManager, ...args]);
}

if (task === 'test') installTestPeers();
pnpm(['install', ...(process.env.CI ? ['--frozen-lockfile'] : []), '--reporter=append-only']);
for (const args of tasks[task]) pnpm(args);
