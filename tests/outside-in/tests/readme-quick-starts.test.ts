// Each README's quick starts, run verbatim in a fresh npm project (see CONTRIBUTING.md, "README examples").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePortRange } from '@closed-ftp/test-support';
import { FakeSecretsManager } from '@closed-ftp/test-support/fake-aws';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeResult, type LongRunning, shell, startShell, userEnv } from '../support/commands.js';
import { quickStarts } from '../support/markdown.js';
import { type PublishablePackage, publishablePackages } from '../support/paths.js';
import { appendToLastCommand, runTypeScript, workFolder } from '../support/quick-start.js';

const { esmApp, tmp } = inject('outsideIn');
const packages = publishablePackages();
const readme = (name: string) => quickStarts(packages.find((pkg) => pkg.name === name)!.readme);

/** The user and password the READMEs' examples log in with. */
const ALICE = { user: 'alice', password: 'secret' };
/** The address ftp-probe's README probes: a placeholder the suite replaces with the local emulator's. */
const PROBE_PLACEHOLDER = '10.10.1.25';

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** transfer-emulator's CLI quick start, on free ports: the FTP endpoint ftp-probe's quick starts probe. */
const ftpEndpoint = once(async () => {
  const cli = readme('@closed-ftp/transfer-emulator').cli!;
  const passive = await freePortRange(9);
  const server: LongRunning = startShell(
    appendToLastCommand(cli.code, `--port 0 --passive-ports ${passive.from}-${passive.to}`),
    { cwd: workFolder(esmApp, 'transfer-emulator-cli'), env: userEnv(tmp) },
  );
  stops.push(() => server.stop());
  const [line, port] = await server.waitFor(/listening on ftp:\/\/127\.0\.0\.1:(\d+)[^\n]*/, 120_000);
  return { line, address: `127.0.0.1:${port}` };
});

/** cdk-closed-ftp's quick start: a CDK app that writes cdk.out, which network-check's quick start reads. */
const cdkApp = once(async () => {
  const dir = workFolder(esmApp, 'cdk-app');
  const result = await runTypeScript(dir, 'app.ts', readme('@closed-ftp/cdk-closed-ftp').library!.code, tmp);
  return { dir, result };
});

function templates(dir: string): string[] {
  const out = join(dir, 'cdk.out');
  let files: string[] = [];
  try {
    files = readdirSync(out).filter((file) => file.endsWith('.template.json'));
  } catch {}
  return files.map((file) => readFileSync(join(out, file), 'utf8'));
}

type Runner = (code: string, pkg: PublishablePackage) => Promise<void>;

/** How each library quick start runs, and what shows that it worked. */
const LIBRARY: Record<string, Runner> = {
  '@closed-ftp/cdk-closed-ftp': async () => {
    const { dir, result } = await cdkApp();
    expect(result.code, describeResult(result)).toBe(0);
    const written = templates(dir);
    expect(written.length, 'the app writes its template to cdk.out (npx tsx app.ts, no cdk CLI)').toBeGreaterThan(0);
    expect(written.join()).toContain('AWS::Transfer::Server');
  },
  '@closed-ftp/ftp-probe': async (code) => {
    const { address } = await ftpEndpoint();
    expect(code).toContain(PROBE_PLACEHOLDER);
    const dir = workFolder(esmApp, 'ftp-probe');
    const result = await runTypeScript(dir, 'probe.ts', code.replaceAll(PROBE_PLACEHOLDER, address), tmp, {
      FTP_PASSWORD: ALICE.password,
    });
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/^healthy\b/);
  },
  '@closed-ftp/idp-core': async (code) => {
    const result = await runTypeScript(workFolder(esmApp, 'idp-core'), 'handler.ts', code, tmp);
    expect(result.code, describeResult(result)).toBe(0);
  },
  '@closed-ftp/idp-lambda': async (code) => {
    const result = await runTypeScript(workFolder(esmApp, 'idp-lambda'), 'stack.ts', code, tmp);
    expect(result.code, describeResult(result)).toBe(0);
  },
  '@closed-ftp/network-check': async (code) => {
    const app = await cdkApp();
    expect(templates(app.dir).length, "cdk-closed-ftp's quick start wrote no cdk.out to check").toBeGreaterThan(0);
    const result = await runTypeScript(app.dir, 'check.ts', code, tmp);
    expect(result.code, describeResult(result)).toBe(0);
    // The quick start's client (192.168.10.0/24) is not the one cdk-closed-ftp's admits: findings, each with its rule.
    expect(result.stdout).toMatch(/^ERROR CFTP-NET-\d{3} /m);
    expect(result.stdout).toMatch(/\d+ error\(s\), \d+ warning\(s\)/);
  },
  '@closed-ftp/rule-catalog': async (code) => {
    const result = await runTypeScript(workFolder(esmApp, 'rule-catalog'), 'rules.ts', code, tmp);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/https:\/\/\S+CFTP-NET-\d{3}/);
  },
  '@closed-ftp/transfer-emulator': async (code) => {
    const result = await runTypeScript(workFolder(esmApp, 'transfer-emulator'), 'emulator.ts', code, tmp);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/^ftp:\/\/127\.0\.0\.1:\d+$/m);
  },
};

/** How each CLI quick start runs; network-check's needs a CDK project and runs in tests/cdk-init-app.test.ts. */
const CLI: Record<string, Runner | 'in cdk-init-app.test.ts'> = {
  '@closed-ftp/transfer-emulator': async () => {
    const { line } = await ftpEndpoint();
    expect(line).toMatch(/^listening on ftp:\/\/127\.0\.0\.1:\d+/);
  },
  '@closed-ftp/ftp-probe': async (code) => {
    const { address } = await ftpEndpoint();
    expect(code).toContain(PROBE_PLACEHOLDER);
    const result = await shell(code.replaceAll(PROBE_PLACEHOLDER, address), {
      cwd: workFolder(esmApp, 'ftp-probe-cli'),
      env: userEnv(tmp, { FTP_PASSWORD: ALICE.password }),
    });
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/^HEALTHY: ftp:\/\/alice@/m);
  },
  '@closed-ftp/idp-core': async (code) => {
    const fake = await FakeSecretsManager.start();
    stops.push(() => fake.close());
    const result = await shell(code, {
      cwd: workFolder(esmApp, 'idp-core-cli'),
      env: userEnv(tmp, {
        PASSWORD: 'correct horse battery staple',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDFAKE',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
        // The SDK's own variable for a service's endpoint: the quick start's commands stay as written.
        AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.endpoint,
      }),
    });
    expect(result.code, describeResult(result)).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      found: true,
      credential: 'password-hash',
    });
    expect(result.stdout + result.stderr).not.toContain('correct horse battery staple');
    expect(fake.callCount('CreateSecret')).toBe(1);
  },
  '@closed-ftp/network-check': 'in cdk-init-app.test.ts',
};

describe('library quick starts: the marked or first ```ts block of each README, run with npx tsx', () => {
  it.each(packages)('$name', async (pkg) => {
    const { library } = quickStarts(pkg.readme);
    expect(library, `${pkg.folder}/README.md has no \`\`\`ts block`).toBeDefined();
    const run = LIBRARY[pkg.name];
    expect(run, `add how to run ${pkg.name}'s quick start to LIBRARY in this file`).toBeDefined();
    await run!(library!.code, pkg);
  });
});

describe('CLI quick starts: the marked or first ```sh block of each README with a bin, run with bash', () => {
  it.each(packages.filter((pkg) => pkg.manifest.bin !== undefined))('$name', async (pkg) => {
    const { cli } = quickStarts(pkg.readme);
    expect(cli, `${pkg.folder}/README.md has no \`\`\`sh block running its CLI`).toBeDefined();
    const run = CLI[pkg.name];
    expect(run, `add how to run ${pkg.name}'s CLI quick start to CLI in this file`).toBeDefined();
    if (typeof run === 'function') await run(cli!.code, pkg);
  });
});
