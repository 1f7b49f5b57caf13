// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings are CloudFormation syntax, not JavaScript templates.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  checkTopology,
  InputError,
  loadCdkOut,
  loadTemplateText,
  type NetworkFinding,
  type SecurityGroupRule,
  type Topology,
} from '../../src/index.js';
import { minimalTemplate } from '../fixtures/minimal-template.js';

const TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::Instance',
  'AWS::Transfer::Server',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::SecretsManager::Secret',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
];

const logicalId = fc.constantFrom('A', 'B', 'C', 'Vpc', 'Server');
/** Values with intrinsics in them, nested, referring to each other. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.record({ Ref: fc.oneof(logicalId, fc.constant('AWS::Region'), fc.string()) }),
    fc.record({ 'Fn::GetAtt': fc.tuple(logicalId, fc.constantFrom('Arn', 'CidrBlock', 'GroupId', 'X')) }),
    fc.record({ 'Fn::Sub': fc.oneof(fc.string(), fc.constant('${A}-${B.Arn}-${AWS::Region}')) }),
    fc.record({ 'Fn::Join': fc.tuple(fc.string(), fc.array(tie('value'), { maxLength: 3 })) }),
    fc.record({ 'Fn::Select': fc.tuple(fc.integer({ min: -1, max: 3 }), tie('value')) }),
    fc.record({ 'Fn::If': fc.tuple(fc.string(), tie('value'), tie('value')) }),
    fc.record({ 'Fn::Cidr': fc.tuple(tie('value'), fc.integer(), fc.integer()) }),
    fc.record({ 'Fn::ImportValue': tie('value') }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
})).value;

const template = fc.record({
  Resources: fc.dictionary(
    logicalId,
    fc.record({ Type: fc.constantFrom(...TYPES), Properties: fc.oneof(value, fc.dictionary(fc.string(), value)) }),
  ),
  Parameters: fc.dictionary(fc.string(), fc.record({ Default: value })),
  Conditions: fc.dictionary(fc.string(), value),
});

function loadOrInputError(text: string, file: string): Topology | undefined {
  try {
    return loadTemplateText(text, file);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
}

describe('loaders never crash', () => {
  const temp = useTempDir('network-check-manifest');

  it('on arbitrary templates full of intrinsics (JSON and YAML): a topology, and rules that run on it', () => {
    fc.assert(
      fc.property(template, fc.boolean(), (t, asYaml) => {
        const topology = loadOrInputError(asYaml ? stringify(t) : JSON.stringify(t), asYaml ? 't.yaml' : 't.json');
        if (topology) expect(Array.isArray(checkTopology(topology))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on truncated real templates: a topology or a clear InputError', () => {
    const texts = [JSON.stringify(minimalTemplate(), null, 2), stringify(minimalTemplate())];
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }), (which, fraction) => {
        const text = texts[which]!;
        const cut = text.slice(0, Math.floor(text.length * fraction));
        const topology = loadOrInputError(cut, which === 0 ? 't.json' : 't.yaml');
        if (topology) checkTopology(topology);
      }),
      { numRuns: 300 },
    );
  });

  it('on policy documents of any shape (role, trust, bucket and endpoint policies)', () => {
    const field = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('*', 's3:*', 's3:List*', 'sts:AssumeRole'));
    const statement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          Sid: field,
          Effect: fc.constantFrom('Allow', 'Deny', 7),
          Principal: fc.oneof(field, fc.record({ AWS: field, Service: field })),
          NotPrincipal: fc.record({ AWS: field }),
          Action: field,
          NotAction: field,
          Resource: field,
          NotResource: field,
          Condition: fc.oneof(
            field,
            fc.dictionary(
              fc.constantFrom('StringNotEquals', 'ArnNotLikeIfExists', 'Null', 'Bool', 'ForAnyValue:StringLike', 'X'),
              fc.dictionary(fc.constantFrom('aws:SourceVpce', 'aws:PrincipalArn', 'aws:SecureTransport', 'x'), field),
            ),
          ),
        },
        { requiredKeys: ['Effect'] },
      ),
    );
    const document = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ Statement: fc.oneof(statement, fc.array(statement)) }),
    );
    fc.assert(
      fc.property(document, document, document, document, (rolePolicy, trust, bucketPolicy, endpointPolicy) => {
        const t = minimalTemplate();
        const role = t.Resources.UserRole!.Properties as Record<string, unknown>;
        role.Policies = [{ PolicyName: 'p', PolicyDocument: rolePolicy }];
        role.AssumeRolePolicyDocument = trust;
        (t.Resources.BucketPolicy!.Properties as Record<string, unknown>).PolicyDocument = bucketPolicy;
        (t.Resources.Sts!.Properties as Record<string, unknown>).PolicyDocument = endpointPolicy;
        expect(Array.isArray(checkTopology(loadTemplateText(JSON.stringify(t), 't.json')))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on cloud assembly manifests of any shape: a topology or a clear InputError', async () => {
    const dir = temp.path;
    await writeFile(join(dir, 'Stack.template.json'), JSON.stringify(minimalTemplate()));
    const artifact = fc.record(
      {
        type: fc.oneof(fc.constantFrom('aws:cloudformation:stack', 'cdk:cloud-assembly'), fc.jsonValue()),
        environment: fc.oneof(fc.constant('aws://123456789012/eu-west-1'), fc.jsonValue()),
        displayName: fc.jsonValue(),
        properties: fc.oneof(fc.constant({ templateFile: 'Stack.template.json' }), fc.jsonValue()),
        metadata: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
        additionalMetadataFile: fc.oneof(fc.constant('Stack.template.json'), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const manifest = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({
        artifacts: fc.oneof(fc.dictionary(fc.string(), fc.oneof(artifact, fc.jsonValue())), fc.jsonValue()),
      }),
    );
    await fc.assert(
      fc.asyncProperty(manifest, async (m) => {
        await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
        try {
          checkTopology(await loadCdkOut(dir));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        loadOrInputError(text, 'x.yaml');
      }),
      { numRuns: 300 },
    );
  });
});

/** Findings that say traffic is blocked by a security group. */
const BLOCKED_TRAFFIC = new Set(['CFTP-NET-005', 'CFTP-NET-006', 'CFTP-NET-008', 'CFTP-NET-018', 'CFTP-NET-023']);
const blocked = (findings: NetworkFinding[]) =>
  new Set(
    findings
      .filter((f) => BLOCKED_TRAFFIC.has(f.id))
      .map(
        (f) =>
          `${f.id} ${f.resource} ${JSON.stringify(f.evidence.client ?? f.evidence.endpointSubnet ?? f.evidence.caller ?? '')}`,
      ),
  );

const cidr = fc.oneof(
  fc.constantFrom('10.1.0.0/16', '10.1.1.0/24', '10.0.0.0/16', '0.0.0.0/0', '10.9.0.0/16', '10.1.1.7/32'),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `10.${a}.0.0/${p}`),
);
const rule: fc.Arbitrary<SecurityGroupRule> = fc
  .record({
    protocol: fc.constantFrom('tcp', '-1', 'udp', 'icmp'),
    from: fc.integer({ min: 0, max: 65535 }),
    span: fc.integer({ min: 0, max: 10_000 }),
    peer: fc.oneof(
      cidr.map((c) => ({ cidr: c })),
      fc
        .constantFrom('ClientSg', 'ServerSg', 'StsSg', 'FtpVpc.DefaultSecurityGroup')
        .map((g) => ({ securityGroupId: g })),
    ),
  })
  .map(({ protocol, from, span, peer }) => ({ protocol, fromPort: from, toPort: Math.min(65535, from + span), peer }));

describe('security group monotonicity', () => {
  it('adding an allow rule to a security group never creates a new blocked-traffic finding', () => {
    const variants = fc.record({
      dropServerRules: fc.subarray([0, 1]),
      clientEgressHttpsOnly: fc.boolean(),
      stsOpen: fc.boolean(),
      defaultGroup: fc.boolean(),
    });
    fc.assert(
      fc.property(
        variants,
        fc.constantFrom('ServerSg', 'ClientSg', 'StsSg', 'FtpVpc.DefaultSecurityGroup'),
        fc.constantFrom('ingress' as const, 'egress' as const),
        rule,
        (variant, groupId, direction, added) => {
          // biome-ignore lint/suspicious/noExplicitAny: tests mutate fixture properties of any shape.
          const t = minimalTemplate() as { Resources: Record<string, { Properties: Record<string, any> }> };
          const server = t.Resources.ServerSg!.Properties;
          server.SecurityGroupIngress = server.SecurityGroupIngress.filter(
            (_: unknown, i: number) => !variant.dropServerRules.includes(i),
          );
          if (variant.clientEgressHttpsOnly) {
            t.Resources.ClientSg!.Properties.SecurityGroupEgress = [
              { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
            ];
          }
          if (!variant.stsOpen) t.Resources.StsSg!.Properties.SecurityGroupIngress = [];
          if (variant.defaultGroup) delete t.Resources.Server!.Properties.EndpointDetails.SecurityGroupIds;
          const topology = loadTemplateText(JSON.stringify(t), 't.json');
          const before = blocked(checkTopology(topology));
          topology.securityGroups.find((g) => g.id === groupId)![direction].push(added);
          const after = blocked(checkTopology(topology));
          for (const key of after) expect(before).toContain(key);
        },
      ),
      { numRuns: 500 },
    );
  });
});
