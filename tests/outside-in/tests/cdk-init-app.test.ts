// A project as `cdk init app --language typescript` writes it (CommonJS TypeScript, tsx, jest), only the construct
// code changed: it must synthesize and pass its jest test with the packages installed from their tarballs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '@closed-ftp/test-support';
import { describe, expect, inject, it } from 'vitest';
import { describeResult, shell, userEnv } from '../support/commands.js';
import { quickStarts } from '../support/markdown.js';
import { FIXTURES, publishablePackages } from '../support/paths.js';

const { cdkApp, cdkInitConstructFiles, tmp } = inject('outsideIn');
const networkCheck = publishablePackages().find((pkg) => pkg.name === '@closed-ftp/network-check')!;

function filesUnder(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(under, entry.name)) : [join(under, entry.name)],
  );
}

describe('a cdk init app (TypeScript) building a ClosedFtpServer', () => {
  it('is what cdk init writes, with only the construct code replaced (the files of lib/ and test/)', () => {
    expect(filesUnder(join(FIXTURES, 'cdk-init-app')).sort()).toEqual(cdkInitConstructFiles);
    const manifest = JSON.parse(readFileSync(join(cdkApp, 'package.json'), 'utf8'));
    expect(manifest.type, 'cdk init writes a CommonJS project').toBeUndefined();
    expect(Object.keys(manifest.dependencies)).toContain('@closed-ftp/cdk-closed-ftp');
  });

  it("synthesizes with npx cdk synth, and network-check's CLI quick start checks the result", async () => {
    const { cli } = quickStarts(networkCheck.readme);
    expect(cli?.code).toContain('npx cdk synth');
    const result = await shell(cli!.code, { cwd: cdkApp, env: userEnv(tmp) });
    const template = join(cdkApp, 'cdk.out', 'CdkAppStack.template.json');
    expect(() => readFileSync(template, 'utf8'), describeResult(result)).not.toThrow();
    expect(readFileSync(template, 'utf8')).toContain('AWS::Transfer::Server');
    // 3: no client network in the app (allowFrom names a CIDR, not a network) is an incomplete check, not a failure.
    expect([0, 3], describeResult(result)).toContain(result.code);
    expect(result.stdout).toMatch(/Checked 1 FTP server/);
  });

  it('passes its jest test (Template.fromStack) with npm test', async () => {
    const result = await runProcess('npm', ['test'], { cwd: cdkApp, env: userEnv(tmp), timeoutMs: 300_000 });
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
  });
});
