// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings are CloudFormation syntax, not JavaScript templates.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  loadCdkOut,
  loadSnapshot,
  loadTemplateFile,
  loadTemplateText,
  resolveIntrinsics,
  SnapshotVersionError,
  stacksToTopology,
  writeSnapshot,
} from '../../src/index.js';
import type { StackContext } from '../../src/loaders/cloudformation/intrinsics.js';

function context(overrides: Partial<StackContext> = {}): StackContext {
  return {
    stackName: 'Net',
    idPrefix: '',
    region: 'eu-west-1',
    account: '123456789012',
    resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Server: { Type: 'AWS::Transfer::Server', Properties: {} },
    },
    parameters: { Env: { Type: 'String', Default: 'prod' }, NoDefault: { Type: 'String' } },
    conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    mappings: { Cidrs: { prod: { client: '10.1.0.0/16' } } },
    importValue: (name) => (name === 'Shared-Cidr' ? '10.9.0.0/16' : { unknown: `Fn::ImportValue ${name}` }),
    ...overrides,
  };
}

const temp = useTempDir('network-check-loaders');
let folders = 0;
/** A new empty folder inside the file's temp folder. */
async function folder(): Promise<string> {
  const dir = join(temp.path, String(++folders));
  await mkdir(dir);
  return dir;
}

describe('intrinsic functions', () => {
  const cases: [string, unknown, unknown][] = [
    ['Ref to a resource', { Ref: 'Vpc' }, 'Vpc'],
    ['Ref to a Transfer server is its ARN', { Ref: 'Server' }, 'arn:aws:transfer:eu-west-1:123456789012:server/Server'],
    ['Ref to a parameter default', { Ref: 'Env' }, 'prod'],
    [
      'pseudo parameters',
      { 'Fn::Sub': '${AWS::Region}/${AWS::AccountId}/${AWS::Partition}' },
      'eu-west-1/123456789012/aws',
    ],
    ['GetAtt in list form', { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, '10.0.0.0/16'],
    ['GetAtt in dotted form', { 'Fn::GetAtt': 'Vpc.DefaultSecurityGroup' }, 'Vpc.DefaultSecurityGroup'],
    [
      'Sub with resource attributes and locals',
      { 'Fn::Sub': ['${Vpc.CidrBlock}-${x}-${!Literal}', { x: 1 }] },
      '10.0.0.0/16-1-${Literal}',
    ],
    ['Join', { 'Fn::Join': [':', ['a', { Ref: 'Env' }, 'c']] }, 'a:prod:c'],
    ['Select of Split', { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }, 'b'],
    ['If with a condition on a parameter', { 'Fn::If': ['IsProd', 'yes', 'no'] }, 'yes'],
    ['GetAZs', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'eu-west-1a'],
    [
      'Cidr',
      { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 3, 8] },
      ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
    ],
    ['FindInMap', { 'Fn::FindInMap': ['Cidrs', { Ref: 'Env' }, 'client'] }, '10.1.0.0/16'],
    ['ImportValue', { 'Fn::ImportValue': 'Shared-Cidr' }, '10.9.0.0/16'],
    ['AWS::NoValue removes the key', { a: 1, b: { Ref: 'AWS::NoValue' } }, { a: 1 }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(resolveIntrinsics(input, context())).toEqual(expected));
  }

  it('turns what it cannot resolve into { unknown } with the reason, never throwing', () => {
    expect(resolveIntrinsics({ Ref: 'NoDefault' }, context())).toEqual({
      unknown: 'Ref NoDefault (parameter without a default)',
    });
    expect(resolveIntrinsics({ 'Fn::ImportValue': 'Gone' }, context())).toEqual({ unknown: 'Fn::ImportValue Gone' });
    expect(resolveIntrinsics({ 'Fn::Sub': 'x-${Missing}' }, context())).toMatchObject({
      unknown: expect.stringContaining('${Missing}'),
    });
    expect(resolveIntrinsics({ 'Fn::Select': [5, ['a']] }, context())).toMatchObject({ unknown: expect.any(String) });
    expect(resolveIntrinsics({ 'Fn::Transform': {} }, context())).toEqual({ unknown: 'Fn::Transform (not supported)' });
  });

  it('stops on reference cycles', () => {
    const cyclic = context({
      resources: { A: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: { 'Fn::GetAtt': ['A', 'CidrBlock'] } } } },
    });
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['A', 'CidrBlock'] }, cyclic)).toMatchObject({
      unknown: expect.any(String),
    });
  });
});

const YAML_TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ClientCidr: { Type: String, Default: 10.1.0.0/16 }
Conditions:
  WithSts: !Equals [!Ref ClientCidr, 10.1.0.0/16]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: !Sub 'FTP from \${ClientCidr}'
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 21, ToPort: 21, CidrIp: !Ref ClientCidr }
  Sts:
    Type: AWS::EC2::VPCEndpoint
    Condition: WithSts
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Join ['', [com.amazonaws., !Ref 'AWS::Region', .sts]]
      VpcEndpointType: Interface
`;

describe('template files', () => {
  it('reads YAML short forms (!Ref, !Sub, !GetAtt, !Select, !Cidr, !Join, !Equals)', () => {
    const topology = loadTemplateText(YAML_TEMPLATE, 'net.yaml', { region: 'eu-west-1' });
    expect(topology.subnets[0]).toMatchObject({ id: 'Subnet', vpcId: 'Vpc', cidrBlock: '10.0.0.0/24' });
    expect(topology.securityGroups.find((g) => g.id === 'Sg')?.ingress[0]?.peer).toEqual({ cidr: '10.1.0.0/16' });
    expect(topology.vpcEndpoints[0]?.serviceName).toBe('com.amazonaws.eu-west-1.sts');
    expect(topology.unresolved).toEqual([]);
  });

  it('drops resources whose condition is false, with parameters overridden', () => {
    const topology = loadTemplateText(YAML_TEMPLATE, 'net.yaml', { parameters: { ClientCidr: '10.2.0.0/16' } });
    expect(topology.vpcEndpoints).toEqual([]);
    expect(topology.securityGroups.find((g) => g.id === 'Sg')?.ingress[0]?.peer).toEqual({ cidr: '10.2.0.0/16' });
  });

  it('reads a security group rule that is not an object as a rule with an unknown peer (found by a fuzzed template)', () => {
    const text = JSON.stringify({
      Resources: {
        Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', SecurityGroupIngress: [null, 7] } },
      },
    });
    const ingress = loadTemplateText(text, 'sg.json').securityGroups[0]?.ingress;
    expect(ingress).toHaveLength(2);
    expect(ingress?.map((rule) => rule.peer)).toEqual([
      { unknown: 'SecurityGroupIngress[0] has no peer' },
      { unknown: 'SecurityGroupIngress[1] has no peer' },
    ]);
  });

  it('names the file and the problem on bad input', async () => {
    expect(() => loadTemplateText('{ "Resources": ', 'bad.json')).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadTemplateText('Resources: [1, 2', 'bad.yaml')).toThrow(/bad\.yaml is not valid YAML/);
    expect(() => loadTemplateText('Outputs: {}', 'empty.yaml')).toThrow(/empty\.yaml has no Resources section/);
    await expect(loadTemplateFile('/nonexistent/x.json')).rejects.toThrow(/does not exist; pass the path/);
    await expect(loadTemplateFile('/nonexistent/x.json')).rejects.toBeInstanceOf(InputError);
  });
});

describe('S3 buckets', () => {
  it('attaches a bucket policy to its bucket, by Ref or by name, and keeps one on a bucket made elsewhere', () => {
    const policy = (bucket: unknown) => ({
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: bucket, PolicyDocument: { Statement: { Effect: 'Deny', Principal: '*', Action: 's3:*' } } },
    });
    const template = {
      Resources: {
        Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'landing-zone' } },
        Plain: { Type: 'AWS::S3::Bucket' },
        NamedPolicy: policy('landing-zone'),
        PlainPolicy: policy({ Ref: 'Plain' }),
        ElsewherePolicy: policy('made-elsewhere'),
        UnknownPolicy: policy({ 'Fn::ImportValue': 'Other-Bucket' }),
      },
    };
    const { buckets, unresolved } = loadTemplateText(JSON.stringify(template), 't.json');
    expect(buckets.map(({ id, name, arn, policy }) => ({ id, name, arn, denies: policy !== undefined }))).toEqual([
      { id: 'Named', name: 'landing-zone', arn: 'arn:aws:s3:::Named', denies: true },
      { id: 'Plain', name: 'Plain', arn: 'arn:aws:s3:::Plain', denies: true },
      { id: 'ElsewherePolicy', name: 'made-elsewhere', arn: 'arn:aws:s3:::made-elsewhere', denies: true },
    ]);
    expect(unresolved.map((u) => `${u.resource}.${u.field}`)).toEqual(['UnknownPolicy.Bucket']);
  });
});

describe('several stacks', () => {
  const network = {
    Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } },
    Outputs: {
      VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-VpcId' } } },
    },
  };
  const app = {
    Resources: {
      Subnet: {
        Type: 'AWS::EC2::Subnet',
        Properties: { VpcId: { 'Fn::ImportValue': 'Network-VpcId' }, CidrBlock: '10.0.1.0/24' },
      },
    },
  };

  it('resolves Fn::ImportValue to the exporting stack, with ids qualified by stack', () => {
    const topology = stacksToTopology(
      [
        { stackName: 'App', idPrefix: 'App/', template: app, file: 'App.template.json' },
        { stackName: 'Network', idPrefix: 'Network/', template: network, file: 'Network.template.json' },
      ],
      { kind: 'cdk-out', location: 'x' },
    );
    expect(topology.subnets[0]?.vpcId).toBe('Network/Vpc');
    expect(topology.unresolved).toEqual([]);
  });

  it('reads a cdk.out folder: manifest, stacks, cross-stack import, construct paths', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'Network.template.json'), JSON.stringify(network));
    await writeFile(join(dir, 'App.template.json'), JSON.stringify(app));
    const stack = (name: string) => ({
      type: 'aws:cloudformation:stack',
      environment: 'aws://123456789012/eu-west-1',
      properties: { templateFile: `${name}.template.json` },
      metadata: {
        [`/${name}/Thing/Resource`]: [{ type: 'aws:cdk:logicalId', data: name === 'App' ? 'Subnet' : 'Vpc' }],
      },
    });
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({ version: '48.0.0', artifacts: { Network: stack('Network'), App: stack('App') } }),
    );
    const topology = await loadCdkOut(dir);
    expect(topology.subnets[0]).toMatchObject({
      vpcId: 'Network/Vpc',
      location: { constructPath: 'App/Thing/Resource' },
    });
    await expect(loadCdkOut(dir, { stacks: ['Nope'] })).rejects.toThrow(/no CloudFormation stack named Nope/);
    await expect(loadCdkOut(join(dir, 'missing'))).rejects.toThrow(/manifest .* does not exist/);
  });
});

describe('snapshots', () => {
  it('round-trips a topology and refuses other versions', async () => {
    const dir = await folder();
    const topology = loadTemplateText(YAML_TEMPLATE, 'net.yaml');
    const file = join(dir, 'snapshot.json');
    await writeSnapshot(topology, file);
    const loaded = await loadSnapshot(file);
    expect({ ...loaded, source: topology.source }).toEqual(topology);
    expect(loaded.source).toEqual({ kind: 'snapshot', location: file });
    await writeFile(file, JSON.stringify({ ...topology, version: 99 }));
    await expect(loadSnapshot(file)).rejects.toBeInstanceOf(SnapshotVersionError);
    await writeFile(file, JSON.stringify({ version: 1, vpcs: 'x' }));
    await expect(loadSnapshot(file)).rejects.toThrow(/"vpcs" must be a list/);
    await writeFile(file, JSON.stringify({ ...topology, transferServers: [null] }));
    await expect(loadSnapshot(file)).rejects.toThrow(/"transferServers\[0\]" must be an object/);
  });

  it('reads a version 1 snapshot (before buckets) as one without buckets', async () => {
    const dir = await folder();
    const { buckets, ...older } = loadTemplateText(YAML_TEMPLATE, 'net.yaml');
    expect(buckets).toEqual([]);
    const file = join(dir, 'v1.json');
    await writeFile(file, JSON.stringify({ ...older, version: 1 }));
    const loaded = await loadSnapshot(file);
    expect(loaded).toMatchObject({ version: 4, buckets: [], vpnGateways: [], vpnConnections: [], vpcs: older.vpcs });
  });
});
