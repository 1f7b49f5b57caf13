import { describe, expect, it } from 'vitest';
import { checkTopology, loadTemplateText, type NetworkFinding, type Topology } from '../../src/index.js';
import { minimalTemplate, type Template } from '../fixtures/minimal-template.js';

const tcp = (from: number, to: number, cidr: string) => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  CidrIp: cidr,
});

/** The minimal working setup plus an FTP canary in the client subnet, as FtpCanary synthesizes it. */
function withCanary(): Template {
  const template = minimalTemplate();
  Object.assign(template.Resources, {
    CanarySg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'canary',
        VpcId: { Ref: 'ClientVpc' },
        SecurityGroupEgress: [tcp(21, 21, '10.0.0.0/16'), tcp(8192, 8200, '10.0.0.0/16')],
      },
    },
    CanaryToSecrets: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: { 'Fn::GetAtt': ['CanarySg', 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        DestinationSecurityGroupId: { 'Fn::GetAtt': ['SecretsSg', 'GroupId'] },
      },
    },
    SecretsSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'Secrets Manager endpoint', VpcId: { Ref: 'ClientVpc' } },
    },
    SecretsFromCanary: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': ['SecretsSg', 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        SourceSecurityGroupId: { 'Fn::GetAtt': ['CanarySg', 'GroupId'] },
      },
    },
    Secrets: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: { Ref: 'ClientVpc' },
        ServiceName: 'com.amazonaws.eu-west-1.secretsmanager',
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        SubnetIds: [{ Ref: 'ClientSubnet' }],
        SecurityGroupIds: [{ 'Fn::GetAtt': ['SecretsSg', 'GroupId'] }],
      },
    },
    Canary: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Timeout: 45,
        VpcConfig: {
          SubnetIds: [{ Ref: 'ClientSubnet' }],
          SecurityGroupIds: [{ 'Fn::GetAtt': ['CanarySg', 'GroupId'] }],
        },
        Tags: [{ Key: 'closed-ftp:canary', Value: 'Ftp/Canary' }],
      },
    },
  });
  return template;
}

function load(template: Template): Topology {
  return loadTemplateText(JSON.stringify(template), 'test.template.json');
}

function findings(template: Template): NetworkFinding[] {
  return checkTopology(load(template));
}

// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixture properties of any shape.
const props = (t: Template, id: string) => t.Resources[id]!.Properties as Record<string, any>;

describe('an FTP canary (a VPC-attached Lambda function tagged closed-ftp:canary)', () => {
  it('is a client in each of its subnets, with its security groups, and passes when its path works', () => {
    const template = withCanary();
    const topology = load(template);
    expect(topology.lambdaFunctions.find((f) => f.id === 'Canary')?.ftpCanary).toBe('Ftp/Canary');
    expect(topology.instances.find((i) => i.id === 'Canary in ClientSubnet')).toMatchObject({
      subnetId: 'ClientSubnet',
      securityGroupIds: ['CanarySg'],
      location: { logicalId: 'Canary' },
    });
    expect(findings(template)).toEqual([]);
  });

  it('fails CFTP-NET-008 when its security group does not let the passive range out', () => {
    const template = withCanary();
    props(template, 'CanarySg').SecurityGroupEgress = [tcp(21, 21, '10.0.0.0/16')];
    const result = findings(template);
    expect(result.map((f) => [f.id, f.resource])).toEqual([['CFTP-NET-008', 'Canary in ClientSubnet']]);
    expect(result[0]!.message).toMatch(/may not send TCP 8192-8200 to endpoint subnet FtpSubnet/);
  });

  it('fails CFTP-NET-006 when the endpoint does not admit the passive range from its subnet', () => {
    const template = withCanary();
    // The endpoint admits the EC2 client's address only: the canary's subnet is left out.
    props(template, 'Client').PrivateIpAddress = '10.1.1.10';
    props(template, 'ServerSg').SecurityGroupIngress = [tcp(21, 21, '10.1.0.0/16'), tcp(8192, 8200, '10.1.1.10/32')];
    const result = findings(template);
    expect(result.map((f) => f.id)).toEqual(['CFTP-NET-006']);
    expect(result[0]!.message).toMatch(/from client Canary in ClientSubnet \(10\.1\.1\.0\/24\)/);
  });

  it('is not a client without the tag: an untagged VPC function is not checked as one', () => {
    const template = withCanary();
    props(template, 'Canary').Tags = [{ Key: 'team', Value: 'ftp' }];
    props(template, 'CanarySg').SecurityGroupEgress = [tcp(21, 21, '10.0.0.0/16')];
    expect(load(template).instances.map((i) => i.id)).toEqual(['Client']);
    expect(findings(template)).toEqual([]);
  });

  const secretsCases: { name: string; mutate: (t: Template) => void; message: RegExp }[] = [
    {
      name: 'the endpoint does not admit it on 443',
      mutate: (t) => delete t.Resources.SecretsFromCanary,
      message: /cannot read its user's password: its Secrets Manager endpoint does not admit TCP 443 from the canary/,
    },
    {
      name: 'its security group does not let 443 out to the endpoint',
      mutate: (t) => delete t.Resources.CanaryToSecrets,
      message: /is not reachable on TCP 443 through the canary's security groups/,
    },
    {
      name: 'the endpoint has private DNS off',
      mutate: (t) => {
        props(t, 'Secrets').PrivateDnsEnabled = false;
      },
      message: /has private DNS off/,
    },
    {
      name: 'its VPC has no Secrets Manager endpoint',
      mutate: (t) => delete t.Resources.Secrets,
      message: /runs in VPC ClientVpc, which has no Secrets Manager interface endpoint/,
    },
  ];
  for (const { name, mutate, message } of secretsCases) {
    it(`fails CFTP-NET-023 when ${name}`, () => {
      const template = withCanary();
      mutate(template);
      const result = findings(template);
      expect(result.map((f) => [f.id, f.resource])).toEqual([['CFTP-NET-023', 'Canary']]);
      expect(result[0]!.message).toMatch(message);
      expect(result[0]!.message).toMatch(/^FTP canary Ftp\/Canary \(Canary\)/);
    });
  }
});
