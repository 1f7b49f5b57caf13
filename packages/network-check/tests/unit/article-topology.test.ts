import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { Validations } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { NetworkCheckPlugin } from '../../src/cdk.js';
import { checkTopology, loadCdkOut } from '../../src/index.js';
import { ARTICLE_BEFORE_FIX, type ArticleTopologyOptions } from '../../src/samples.js';
import { ARTICLE_STACK, articleApp } from '../support/article-app.js';
import { cli as run } from '../support/cli.js';

const STATES: Record<'broken' | 'fixed', ArticleTopologyOptions> = { broken: ARTICLE_BEFORE_FIX, fixed: {} };
const temp = useTempDir('network-check-article');
const assemblies = {} as Record<keyof typeof STATES, string>;

beforeAll(async () => {
  for (const [state, options] of Object.entries(STATES) as [keyof typeof STATES, ArticleTopologyOptions][]) {
    const dir = join(temp.path, state);
    await mkdir(dir);
    articleApp(options, dir).synth();
    assemblies[state] = join(dir, 'cdk.out');
  }
}, 60_000);

const cli = (...args: string[]) => run(args);

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
      stack: ARTICLE_STACK,
      logicalId: 'Server',
      constructPath: `${ARTICLE_STACK}/Article/Server`,
    });
    expect(defaultGroup.evidence.effectiveSecurityGroup).toBe(`${ARTICLE_STACK}/FtpVpc.DefaultSecurityGroup`);
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
    const snapshot = join(temp.path, 'broken.json');
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
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/Article\.template\.json$/);
    expect(result.locations[0].logicalLocations[0]).toMatchObject({
      name: 'Server',
      fullyQualifiedName: `${ARTICLE_STACK}/Article/Server`,
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
    const brokenDir = join(temp.path, 'plugin-broken');
    await mkdir(brokenDir);
    const broken = articleApp(ARTICLE_BEFORE_FIX, brokenDir);
    Validations.of(broken).addPlugins(new NetworkCheckPlugin());
    expect(() => broken.synth()).toThrow(/ERROR Endpoint uses the VPC default security group/);
    const report = JSON.parse(await readFile(join(brokenDir, 'cdk.out', 'validation-report.json'), 'utf8'));
    const text = JSON.stringify(report);
    expect(text).toContain('CFTP-NET-007');
    expect(text).toContain(`${ARTICLE_STACK}/Article/Server`);

    const fixedDir = join(temp.path, 'plugin-fixed');
    await mkdir(fixedDir);
    const fixed = articleApp({}, fixedDir);
    Validations.of(fixed).addPlugins(new NetworkCheckPlugin({ failOn: 'warning' }));
    expect(() => fixed.synth()).not.toThrow();
  });
});

describe('network-check template', () => {
  it('reads several template files as several stacks, with cross-stack imports and --parameter', async () => {
    const dir = temp.path;
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
    // Findings (default security group, DNS hostnames off: the CloudFormation default, no STS, no logs), but no
    // client network anywhere: the path was not checked, which is its own exit status.
    expect(code).toBe(3);
    const ids = JSON.parse(stdout).findings.map((f: { id: string }) => f.id);
    expect(ids).toEqual(['CFTP-NET-007', 'CFTP-NET-020', 'CFTP-NET-017', 'CFTP-NET-027']);
    const snapshot = JSON.parse(await readFile(dump, 'utf8'));
    expect(snapshot.transferServers[0].vpcId).toBe('Network/Vpc');
    expect(snapshot.vpcs[0].cidrBlocks).toEqual(['10.9.0.0/16']);
  });
});
