// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings are CloudFormation syntax, not JavaScript templates.
// Tiny inputs that used to run for minutes to hours (or read outside the assembly): each now finishes quickly, with
// a topology or a clear input error. The bound is loose for a busy machine; before the fixes these took minutes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import {
  AssemblyPathError,
  InputError,
  loadCdkOut,
  loadTemplateText,
  stacksToTopology,
  type Topology,
  WorkBudgetError,
} from '../../src/index.js';

const BOUND_MS = 2_000;
const temp = useTempDir('network-check-hostile');

async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T | Error }> {
  const started = performance.now();
  let value: T | Error;
  try {
    value = await work();
  } catch (error) {
    value = error as Error;
  }
  return { ms: performance.now() - started, value };
}

describe('hostile inputs finish quickly', () => {
  it('30 levels of conditions C_i = And[C_i+1, C_i+1] (2^30 evaluations without memoising)', async () => {
    const conditions: Record<string, unknown> = { C30: { 'Fn::Equals': ['a', 'a'] } };
    for (let i = 0; i < 30; i++)
      conditions[`C${i}`] = { 'Fn::And': [{ Condition: `C${i + 1}` }, { Condition: `C${i + 1}` }] };
    const template = {
      Conditions: conditions,
      Resources: { Vpc: { Type: 'AWS::EC2::VPC', Condition: 'C0', Properties: { CidrBlock: '10.0.0.0/16' } } },
    };
    const text = JSON.stringify(template);
    expect(text.length).toBeLessThan(2_048);
    const { ms, value } = await timed(() => loadTemplateText(text, 'conditions.json'));
    expect((value as Topology).vpcs.map((v) => v.id)).toEqual(['Vpc']);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('Fn::Sub through 30 parameters that each double the previous: a WorkBudgetError, not a 1 GB string', async () => {
    const parameters: Record<string, unknown> = { P30: { Type: 'String', Default: 'ab' } };
    for (let i = 0; i < 30; i++)
      parameters[`P${i}`] = { Type: 'String', Default: { 'Fn::Sub': `\${P${i + 1}}\${P${i + 1}}` } };
    const template = {
      Parameters: parameters,
      Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { Ref: 'P0' } } } },
    };
    const { ms, value } = await timed(() => loadTemplateText(JSON.stringify(template), 'sub.json'));
    expect(value).toBeInstanceOf(WorkBudgetError);
    expect((value as Error).message).toMatch(
      /^sub\.json needs more than 2,000,000 steps to resolve its intrinsic functions/,
    );
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('the same chain, 10 levels deep, still resolves (memoised, within the budget)', () => {
    const parameters: Record<string, unknown> = { P10: { Type: 'String', Default: 'x' } };
    for (let i = 0; i < 10; i++)
      parameters[`P${i}`] = { Type: 'String', Default: { 'Fn::Sub': `\${P${i + 1}}\${P${i + 1}}` } };
    const template = {
      Parameters: parameters,
      Resources: {
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: 'v', GroupDescription: { Ref: 'P0' } } },
      },
    };
    expect(loadTemplateText(JSON.stringify(template), 'sub.json').securityGroups).toHaveLength(1);
  });

  it('3,000 Fn::ImportValue against 3,000 outputs (quadratic before: 8.7 s)', async () => {
    const count = 3_000;
    const exporter = { Resources: {} as Record<string, unknown>, Outputs: {} as Record<string, unknown> };
    const importer = { Resources: {} as Record<string, unknown> };
    for (let i = 0; i < count; i++) {
      exporter.Outputs[`O${i}`] = {
        Value: `10.${i % 256}.0.0/16`,
        Export: { Name: { 'Fn::Sub': `\${AWS::StackName}-Cidr${i}` } },
      };
      importer.Resources[`Vpc${i}`] = {
        Type: 'AWS::EC2::VPC',
        Properties: { CidrBlock: { 'Fn::ImportValue': `Network-Cidr${i}` } },
      };
    }
    const { ms, value } = await timed(() =>
      stacksToTopology(
        [
          { stackName: 'Network', idPrefix: 'Network/', template: exporter as never, file: 'Network.json' },
          { stackName: 'App', idPrefix: 'App/', template: importer as never, file: 'App.json' },
        ],
        { kind: 'cdk-out', location: 'x' },
      ),
    );
    const topology = value as Topology;
    expect(topology.vpcs).toHaveLength(count);
    expect(topology.vpcs[count - 1]!.cidrBlocks).toEqual([`10.${(count - 1) % 256}.0.0/16`]);
    expect(topology.unresolved).toEqual([]);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('a 600-byte cdk.out whose nested assemblies point at itself and its parent: each folder read once', async () => {
    const dir = join(temp.path, 'loop');
    await mkdir(join(dir, 'stage'), { recursive: true });
    const nested = (to: string) => ({ type: 'cdk:cloud-assembly', properties: { directoryName: to } });
    const stack = { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } };
    await writeFile(
      join(dir, 'S.template.json'),
      JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } } }),
    );
    const manifest = JSON.stringify({
      version: '48.0.0',
      artifacts: { S: stack, A: nested('.'), B: nested('./'), C: nested('stage') },
    });
    await writeFile(join(dir, 'manifest.json'), manifest);
    await writeFile(
      join(dir, 'stage', 'manifest.json'),
      JSON.stringify({ artifacts: { Up: nested('..'), Self: nested('.') } }),
    );
    expect(manifest.length).toBeLessThan(600);
    const { ms, value } = await timed(() => loadCdkOut(dir));
    expect((value as Topology).vpcs.map((v) => v.id)).toEqual(['S/Vpc']);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe('manifest paths stay inside the assembly', () => {
  const SECRET = 'sk-not-to-be-quoted';
  for (const [field, artifact] of [
    ['templateFile', { type: 'aws:cloudformation:stack', properties: { templateFile: '../elsewhere.json' } }],
    ['directoryName', { type: 'cdk:cloud-assembly', properties: { directoryName: '../elsewhere' } }],
    ['an absolute templateFile', { type: 'aws:cloudformation:stack', properties: { templateFile: '/etc/passwd' } }],
    [
      'additionalMetadataFile',
      {
        type: 'aws:cloudformation:stack',
        properties: { templateFile: 'S.json' },
        additionalMetadataFile: '../elsewhere.json',
      },
    ],
  ] as const) {
    it(`${field} outside the folder is an AssemblyPathError that quotes nothing of the file`, async () => {
      const root = join(temp.path, `paths-${field.replace(/\W/g, '')}`);
      const dir = join(root, 'cdk.out');
      await mkdir(join(root, 'elsewhere'), { recursive: true });
      await mkdir(dir);
      await writeFile(join(root, 'elsewhere.json'), `{ "Resources": "${SECRET}" `);
      await writeFile(join(dir, 'S.json'), JSON.stringify({ Resources: {} }));
      await writeFile(join(dir, 'manifest.json'), JSON.stringify({ artifacts: { S: artifact } }));
      const error = await loadCdkOut(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssemblyPathError);
      expect(InputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/outside the assembly folder/);
      expect((error as Error).message).not.toContain(SECRET);
    });
  }
});
