import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validations } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { NetworkCheckPlugin } from '../src/cdk.js';
import { checkTopology, loadCdkOut } from '../src/index.js';
import { type ArticleState, articleApp } from './fixtures/article-topology.mjs';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const assemblies = {} as Record<ArticleState, string>;

beforeAll(async () => {
  for (const state of ['broken', 'fixed'] as const) {
    assemblies[state] = await mkdtemp(join(tmpdir(), `network-check-article-${state}-`));
    articleApp(state, assemblies[state]).synth();
  }
}, 60_000);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the article's topology", () => {
  it('broken state (default security group, no STS endpoint) gives the expected findings', async () => {
    const findings = checkTopology(await loadCdkOut(assemblies.broken));
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual([
      'error CFTP-NET-005',
      'error CFTP-NET-006',
      'error CFTP-NET-007',
      'warning CFTP-NET-017',
    ]);
    const defaultGroup = findings.find((f) => f.id === 'CFTP-NET-007')!;
    expect(defaultGroup.location).toMatchObject({
      stack: 'ArticleFtp',
      logicalId: 'Server',
      constructPath: 'ArticleFtp/Server',
    });
    expect(defaultGroup.evidence.effectiveSecurityGroup).toMatch(/^ArticleNetwork\/FtpVpc.*\.DefaultSecurityGroup$/);
  });

  it('fixed state is clean', async () => {
    expect(checkTopology(await loadCdkOut(assemblies.fixed))).toEqual([]);
  });

  it('CLI: exit 1 with a text report on the broken state, 0 on the fixed state', async () => {
    const broken = await cli('cdk-out', assemblies.broken);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('ERROR CFTP-NET-007 Endpoint uses the VPC default security group');
    expect(broken.stdout).toContain('3 error(s), 1 warning(s), 0 info.');
    const fixed = await cli('cdk-out', assemblies.fixed);
    expect(fixed).toMatchObject({ code: 0, stderr: '' });
    expect(fixed.stdout).toContain('No findings');
  });

  it('CLI: --fail-on warning still fails once the errors are gone but the STS warning is not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'network-check-'));
    const snapshot = join(dir, 'broken.json');
    expect((await cli('cdk-out', assemblies.broken, '--snapshot-out', snapshot, '--fail-on', 'none')).code).toBe(0);
    const json = JSON.parse((await cli('snapshot', snapshot, '--json')).stdout);
    expect(json.summary).toEqual({ error: 3, warning: 1, info: 0 });
    expect(json.source.kind).toBe('snapshot');
    expect((await cli('snapshot', snapshot, '--fail-on', 'warning', '--profile', 'connected')).code).toBe(1);
  });

  it('CLI: SARIF points at template files, logical ids and construct paths', async () => {
    const { stdout, code } = await cli('cdk-out', assemblies.broken, '--format', 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'CFTP-NET-007');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/ArticleFtp\.template\.json$/);
    expect(result.locations[0].logicalLocations[0]).toMatchObject({
      name: 'Server',
      fullyQualifiedName: 'ArticleFtp/Server',
    });
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('CFTP-NET-007');
  });

  it('CLI: usage and input errors exit 2 with one clear line, no stack trace', async () => {
    for (const args of [
      ['cdk-out', '/nonexistent'],
      ['template'],
      ['cdk-out', assemblies.fixed, '--format', 'xml'],
      ['cdk-out', assemblies.fixed, '--client-cidr', '10.0.0.0/33'],
      ['explain', 'CFTP-NET-999'],
      ['frobnicate'],
      ['cdk-out', '--no-such-option'],
    ]) {
      const { code, stderr } = await cli(...args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(/^network-check: .+\n$/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('CLI: explain prints the rule and the fix; --client-cidr adds an on-premises client', async () => {
    const explain = await cli('explain', 'cftp-net-017');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('CFTP-NET-017: STS interface endpoint in the server VPC');
    expect(explain.stdout).toContain('severity: warning (profile closed), info (profile connected)');
    const onPremises = await cli(
      'cdk-out',
      assemblies.fixed,
      '--client-cidr',
      '192.168.0.0/24',
      '--format',
      'markdown',
    );
    expect(onPremises.code).toBe(1);
    expect(onPremises.stdout).toContain('| 🔴 error | [CFTP-NET-005]');
    expect(onPremises.stdout).toContain('192.168.0.0/24');
  });

  it('CDK plugin: synth of the broken app fails with the findings; the fixed app passes', async () => {
    const brokenDir = await mkdtemp(join(tmpdir(), 'network-check-plugin-'));
    const broken = articleApp('broken', brokenDir);
    Validations.of(broken).addPlugins(new NetworkCheckPlugin());
    expect(() => broken.synth()).toThrow(/ERROR Endpoint uses the VPC default security group/);
    const report = JSON.parse(await readFile(join(brokenDir, 'validation-report.json'), 'utf8'));
    const text = JSON.stringify(report);
    expect(text).toContain('CFTP-NET-007');
    expect(text).toContain('ArticleFtp/Server');

    const fixedDir = await mkdtemp(join(tmpdir(), 'network-check-plugin-'));
    const fixed = articleApp('fixed', fixedDir);
    Validations.of(fixed).addPlugins(new NetworkCheckPlugin({ failOn: 'warning' }));
    expect(() => fixed.synth()).not.toThrow();
  });
});

describe('network-check template', () => {
  it('reads several template files as several stacks, with cross-stack imports and --parameter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'network-check-'));
    const network = join(dir, 'Network.template.json');
    const app = join(dir, 'App.yaml');
    await writeFile(
      network,
      JSON.stringify({
        Parameters: { Cidr: { Type: 'String', Default: '10.0.0.0/16' } },
        Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'Cidr' } } } },
        Outputs: { VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: 'VpcId' } } },
      }),
    );
    await writeFile(
      app,
      [
        'Resources:',
        '  Server:',
        '    Type: AWS::Transfer::Server',
        '    Properties:',
        '      Protocols: [FTP]',
        '      EndpointType: VPC',
        '      EndpointDetails: { VpcId: !ImportValue VpcId, SubnetIds: [] }',
        '      IdentityProviderType: AWS_LAMBDA',
      ].join('\n'),
    );
    const dump = join(dir, 'snapshot.json');
    const { code, stdout } = await cli(
      'template',
      network,
      app,
      '--parameter',
      'Cidr=10.9.0.0/16',
      '--snapshot-out',
      dump,
      '--json',
    );
    expect(code).toBe(1); // default security group, DNS hostnames off (the CloudFormation default), no STS, no logs
    const ids = JSON.parse(stdout).findings.map((f: { id: string }) => f.id);
    expect(ids).toEqual(['CFTP-NET-007', 'CFTP-NET-020', 'CFTP-NET-017', 'CFTP-NET-027']);
    const snapshot = JSON.parse(await readFile(dump, 'utf8'));
    expect(snapshot.transferServers[0].vpcId).toBe('Network/Vpc');
    expect(snapshot.vpcs[0].cidrBlocks).toEqual(['10.9.0.0/16']);
  });
});
