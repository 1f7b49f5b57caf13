import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ON_PREMISES_CIDR, STACK_NAME } from '../../src/index.js';
import { freshApp, useTestApps } from '../support/synth.js';

const testDir = useTestApps();

const packageDir = join(import.meta.dirname, '..', '..');
const networkCheckCli = join(packageDir, 'node_modules', '.bin', 'network-check');

/** `npm run check`'s command on a fresh cloud assembly of the variant. */
function check(variant: 'working' | 'broken') {
  const assembly = freshApp(variant).synth();
  return spawnSync(
    networkCheckCli,
    ['cdk-out', assembly.directory, '--client-cidr', ON_PREMISES_CIDR, '--fail-on', 'warning'],
    { encoding: 'utf8' },
  );
}

describe('`npm run check`: network-check on the cloud assembly', () => {
  it('exits 0 on the hub and spoke, having checked the spoke (the canary) and the on-premises network', () => {
    const run = check('working');
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).not.toMatch(/CFTP-NET-009/); // no "no peering connection" for a Transit Gateway path
    expect(run.stdout).toMatch(/Checked 1 FTP server and [2-9]\d* client networks/);
  });

  it('exits 1 on the broken variant, naming the missing Transit Gateway propagation (CFTP-NET-032)', () => {
    const run = check('broken');
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stdout).toMatch(/CFTP-NET-032/);
    expect(run.stdout).not.toMatch(/CFTP-NET-009/);
  });

  it('synthesizes with the real CDK CLI offline, as `npm run synth` does', () => {
    const out = join(testDir.path, 'cdk.out.cli');
    const run = spawnSync('npx', ['cdk', 'synth', '--no-notices', '--quiet', '--output', out], {
      cwd: packageDir,
      encoding: 'utf8',
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(out, `${STACK_NAME}.template.json`), 'utf8')).toMatch(/AWS::EC2::TransitGateway/);
  });
});
