import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectAcceptedByCloudFormation,
  formatSchemaProblem,
  type SchemaProblem,
  validateCloudAssembly,
  validateTemplate,
} from '../../src/cloudformation-schema.js';
import { createTempDir } from '../../src/temp.js';

/** A small template CloudFormation accepts: a closed VPC, a subnet and an FTP server in it. */
function template(): { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } & Record<
  string,
  unknown
> {
  return {
    Parameters: { Env: { Type: 'String', Default: 'test' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {
      Vpc: {
        Type: 'AWS::EC2::VPC',
        Properties: {
          CidrBlock: '10.0.0.0/16',
          EnableDnsSupport: true,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub string, not a JS template.
          Tags: [{ Key: 'Name', Value: { 'Fn::Sub': '${AWS::StackName}-ftp' } }],
        },
      },
      Subnet: {
        Type: 'AWS::EC2::Subnet',
        Properties: {
          VpcId: { Ref: 'Vpc' },
          CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 2, 8] }] },
          AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        },
      },
      Server: {
        Type: 'AWS::Transfer::Server',
        Properties: {
          EndpointType: 'VPC',
          EndpointDetails: { VpcId: { Ref: 'Vpc' }, SubnetIds: [{ Ref: 'Subnet' }] },
          Protocols: ['FTP'],
          IdentityProviderType: 'AWS_LAMBDA',
          ProtocolDetails: { PassiveIp: { 'Fn::If': ['IsProd', '10.0.0.5', 'AUTO'] } },
        },
      },
    },
    Outputs: { ServerId: { Value: { 'Fn::GetAtt': ['Server', 'ServerId'] } } },
  };
}

const kinds = (problems: SchemaProblem[]) => problems.map((p) => [p.resource, p.path, p.kind]);

describe('validateTemplate: CloudFormation resource schemas from @aws-cdk/aws-service-spec', () => {
  it('accepts a template CloudFormation accepts, intrinsics included', () => {
    expect(validateTemplate(template())).toEqual([]);
    expectAcceptedByCloudFormation({ toJSON: () => template() });
  });

  it('catches a misspelled property and suggests the real one', () => {
    const t = template();
    t.Resources.Vpc!.Properties.CidrBlok = t.Resources.Vpc!.Properties.CidrBlock;
    delete t.Resources.Vpc!.Properties.CidrBlock;
    const problems = validateTemplate(t);
    expect(kinds(problems)).toEqual([['Vpc', 'Properties.CidrBlok', 'unknown-property']]);
    expect(problems[0]!.message).toMatch(/did you mean 'CidrBlock'/);
    expect(formatSchemaProblem(problems[0]!)).toMatch(/^Vpc \(AWS::EC2::VPC\) Properties\.CidrBlok: /);
  });

  it('catches a misspelled property inside a nested type', () => {
    const t = template();
    t.Resources.Server!.Properties.EndpointDetails = { VpcId: { Ref: 'Vpc' }, SubnetId: [{ Ref: 'Subnet' }] };
    expect(kinds(validateTemplate(t))).toEqual([['Server', 'Properties.EndpointDetails.SubnetId', 'unknown-property']]);
  });

  it('catches a missing required property, at the top and in a tag', () => {
    const t = template();
    delete t.Resources.Subnet!.Properties.VpcId;
    t.Resources.Vpc!.Properties.Tags = [{ Key: 'Name' }];
    expect(kinds(validateTemplate(t))).toEqual([
      ['Vpc', 'Properties.Tags[0].Value', 'missing-property'],
      ['Subnet', 'Properties.VpcId', 'missing-property'],
    ]);
  });

  it('catches wrong types: an object for a boolean, a string for a list, one string where a list goes', () => {
    const t = template();
    t.Resources.Vpc!.Properties.EnableDnsSupport = { enabled: true };
    t.Resources.Server!.Properties.Protocols = 'FTP';
    t.Resources.Server!.Properties.EndpointDetails = {
      VpcId: { Ref: 'Vpc' },
      SubnetIds: { 'Fn::Join': [',', [{ Ref: 'Subnet' }]] },
    };
    const problems = validateTemplate(t);
    expect(kinds(problems)).toEqual([
      ['Vpc', 'Properties.EnableDnsSupport', 'wrong-type'],
      ['Server', 'Properties.EndpointDetails.SubnetIds', 'wrong-type'],
      ['Server', 'Properties.Protocols', 'wrong-type'],
    ]);
    expect(problems[0]!.message).toBe('expected a boolean, got an object');
  });

  it('accepts the string forms CloudFormation converts ("true", "24") and refuses "lots" for an integer', () => {
    const t = template();
    t.Resources.Vpc!.Properties.EnableDnsSupport = 'true';
    t.Resources.Rule = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: '21', ToPort: 'lots', CidrIp: '10.1.0.0/16' },
    };
    expect(kinds(validateTemplate(t))).toEqual([['Rule', 'Properties.ToPort', 'wrong-type']]);
  });

  it('catches a value outside an enum, in both branches of Fn::If', () => {
    const t = template();
    t.Resources.Server!.Properties.EndpointType = 'PRIVATE';
    t.Resources.Server!.Properties.IdentityProviderType = { 'Fn::If': ['IsProd', 'AWS_LAMBDA', 'LAMBDA'] };
    const problems = validateTemplate(t);
    expect(kinds(problems)).toEqual([
      ['Server', 'Properties.EndpointType', 'not-allowed-value'],
      ['Server', 'Properties.IdentityProviderType', 'not-allowed-value'],
    ]);
    expect(problems[0]!.message).toBe('"PRIVATE" is not one of PUBLIC, VPC, VPC_ENDPOINT');
  });

  it('catches a value that does not match the pattern the schema documents', () => {
    const appBlock = (name: string) => ({
      Resources: {
        Block: {
          Type: 'AWS::AppStream::AppBlock',
          Properties: { Name: name, SourceS3Location: { S3Bucket: 'b', S3Key: 'k' } },
        },
      },
    });
    expect(validateTemplate(appBlock('tools_1.2'))).toEqual([]);
    expect(kinds(validateTemplate(appBlock('-tools')))).toEqual([['Block', 'Properties.Name', 'pattern-mismatch']]);
  });

  it('catches unknown resource types, references to nothing, attributes a type lacks, bad policies', () => {
    const t = template();
    t.Resources.Queue = { Type: 'AWS::SQS::Queeu', Properties: {} };
    t.Resources.Subnet!.Properties.VpcId = { Ref: 'Vcp' };
    (t.Resources.Subnet as Record<string, unknown>).DependsOn = ['Nothing'];
    (t.Resources.Vpc as Record<string, unknown>).DeletionPolicy = 'Keep';
    t.Outputs = { Arn: { Value: { 'Fn::GetAtt': ['Server', 'ServerArn'] } } };
    expect(kinds(validateTemplate(t))).toEqual([
      ['Vpc', 'DeletionPolicy', 'not-allowed-value'],
      ['Subnet', 'DependsOn[0]', 'unknown-reference'],
      ['Subnet', 'Properties.VpcId', 'unknown-reference'],
      ['Queue', 'Type', 'unknown-resource-type'],
      ['Outputs.Arn', 'Value', 'unknown-reference'],
    ]);
  });

  it('takes custom resources with any properties but a ServiceToken, and refuses a template without resources', () => {
    expect(
      validateTemplate({
        Resources: { Addresses: { Type: 'Custom::EndpointAddresses', Properties: { Anything: 1 } } },
      }),
    ).toEqual([expect.objectContaining({ kind: 'missing-property', path: 'Properties' })]);
    expect(kinds(validateTemplate({ Resources: {}, Outputz: {} }))).toEqual([
      ['Template', 'Outputz', 'malformed-template'],
      ['Template', 'Resources', 'malformed-template'],
    ]);
  });

  it('validates every template of a cloud assembly, nested assemblies included, naming the file', async () => {
    await using dir = await createTempDir('cfn-schema-test');
    mkdirSync(join(dir.path, 'assembly-Stage'), { recursive: true });
    writeFileSync(join(dir.path, 'Good.template.json'), JSON.stringify(template()));
    const bad = template();
    bad.Resources.Vpc!.Properties.CidrBlok = '10.0.0.0/16';
    writeFileSync(join(dir.path, 'assembly-Stage', 'Bad.template.json'), JSON.stringify(bad));
    expect(validateCloudAssembly(dir.path).map((p) => [p.templateFile, p.path, p.kind])).toEqual([
      [join('assembly-Stage', 'Bad.template.json'), 'Properties.CidrBlok', 'unknown-property'],
    ]);
  });

  it('loads the schemas once per process: a second template takes milliseconds', () => {
    validateTemplate(template());
    const start = performance.now();
    for (let i = 0; i < 20; i++) validateTemplate(template());
    expect((performance.now() - start) / 20).toBeLessThan(20);
  });
});
