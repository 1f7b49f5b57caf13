// Packs every publishable package once and installs the tarballs with npm into fresh projects the tests share.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createTempDir, runProcess } from '@closed-ftp/test-support';
import type { TestProject } from 'vitest/node';
import { describeResult, userEnv } from './commands.js';
import { installedNames, quickStarts } from './markdown.js';
import { FIXTURES, pinnedPnpm, publishablePackages, ROOT } from './paths.js';

export interface OutsideIn {
  /** The suite's temp folder; everything below is removed at the end. */
  root: string;
  /** TMPDIR of every command the tests run (tsx's and jest's caches land there). */
  tmp: string;
  /** npm name -> packed tarball. */
  tarballs: Record<string, string>;
  /** An ESM TypeScript project (`"type": "module"`) with every tarball, tsx and cdk init's typescript installed. */
  esmApp: string;
  /** A project `cdk init app --language typescript` wrote, with the fixture's construct code and every tarball. */
  cdkApp: string;
  /** Files `cdk init` wrote under lib/ and test/, which the fixture replaces. */
  cdkInitConstructFiles: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    outsideIn: OutsideIn;
  }
}

const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];

async function check(what: string, result: Promise<Awaited<ReturnType<typeof runProcess>>>) {
  const done = await result;
  if (done.code !== 0) throw new Error(`outside-in: ${what} failed\n${describeResult(done)}`);
  return done;
}

function listFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, join(under, entry.name)) : [join(under, entry.name)],
  );
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const dir = await createTempDir('closed-ftp-outside-in');
  const tmp = join(dir.path, 'tmp');
  mkdirSync(tmp);
  const packages = publishablePackages();
  const tarballDir = join(dir.path, 'tarballs');

  // The release tooling: pnpm pack rewrites workspace: ranges into versions, as `pnpm publish` does.
  await check(
    'pnpm pack',
    runProcess(
      'npx',
      [
        '--yes',
        pinnedPnpm(),
        '-r',
        ...packages.flatMap((pkg) => ['--filter', pkg.name]),
        'pack',
        '--pack-destination',
        tarballDir,
      ],
      { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, timeoutMs: 300_000 },
    ),
  );
  const tarballs = Object.fromEntries(
    packages.map((pkg) => [
      pkg.name,
      join(tarballDir, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.manifest.version}.tgz`),
    ]),
  );

  // Third-party packages the READMEs' install lines name (aws-cdk-lib, constructs...), at what npm resolves today.
  const thirdParty = [
    ...new Set(
      packages.flatMap((pkg) =>
        quickStarts(pkg.readme)
          .installs.flatMap(installedNames)
          .filter((name) => !name.startsWith('@closed-ftp/')),
      ),
    ),
  ];
  const nodeMajor = process.versions.node.split('.')[0];

  // Exactly what `cdk init` writes today (the CLI pinned here), then only the construct code replaced.
  const cdkApp = join(dir.path, 'cdk-app');
  mkdirSync(cdkApp);
  const cdkCli = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');
  await check(
    'cdk init',
    runProcess(
      process.execPath,
      [cdkCli, 'init', 'app', '--language', 'typescript', '--generate-only', '--no-notices'],
      { cwd: cdkApp, env: userEnv(tmp), timeoutMs: 120_000 },
    ),
  );
  const cdkInitConstructFiles = [...listFiles(cdkApp, 'lib'), ...listFiles(cdkApp, 'test')].sort();
  // The TypeScript a CDK user gets today (cdk init's), for the usage files too: 7.x checks in seconds, not minutes.
  const typescript: string = JSON.parse(readFileSync(join(cdkApp, 'package.json'), 'utf8')).devDependencies.typescript;
  cpSync(join(FIXTURES, 'cdk-init-app'), cdkApp, { recursive: true });
  const esmApp = join(dir.path, 'esm-app');
  mkdirSync(esmApp);
  writeFileSync(
    join(esmApp, 'package.json'),
    `${JSON.stringify({ name: 'esm-app', private: true, type: 'module' })}\n`,
  );
  const esmInstall = check(
    'npm install in the ESM project',
    runProcess(
      'npm',
      [
        ...NPM_INSTALL,
        ...Object.values(tarballs),
        ...thirdParty,
        'tsx',
        `typescript@${typescript}`,
        `@types/node@${nodeMajor}`,
      ],
      { cwd: esmApp, env: userEnv(tmp), timeoutMs: 600_000 },
    ),
  );
  esmInstall.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled

  const cdkInstall = check(
    'npm install in the cdk init project',
    runProcess('npm', [...NPM_INSTALL, ...Object.values(tarballs)], {
      cwd: cdkApp,
      env: userEnv(tmp),
      timeoutMs: 600_000,
    }),
  );
  await Promise.all([esmInstall, cdkInstall]);
  console.log(`outside-in: packed and installed in ${Math.round((Date.now() - started) / 1000)} s`);

  project.provide('outsideIn', { root: dir.path, tmp, tarballs, esmApp, cdkApp, cdkInitConstructFiles });
  return async () => {
    await dir.remove();
  };
}
