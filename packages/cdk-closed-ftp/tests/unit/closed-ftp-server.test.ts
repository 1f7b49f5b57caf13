import { readHandlerConfig } from '@closed-ftp/idp-lambda';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import {
  ClosedFtpServer,
  ClosedVpc,
  IdentityProviderFunction,
  InvalidPropError,
  StorageDomain,
  TlsSessionResumptionMode,
} from '../../src/index.js';
import { testApp, useTestApps } from '../support/apps.js';
import { CLIENT_CIDR, serverStack } from '../support/stacks.js';

useTestApps();

const logicalId = (template: Template, type: string, props: Record<string, unknown> = {}) => {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const IDP = { Description: Match.stringLikeRegexp('custom identity provider') };

describe('ClosedFtpServer', () => {
  it('is a VPC endpoint with internal access only, FTP by default, Lambda IdP and structured logs', () => {
    const template = Template.fromStack(serverStack().stack);
    template.hasResourceProperties('AWS::Transfer::Server', {
      EndpointType: 'VPC',
      Protocols: ['FTP'],
      IdentityProviderType: 'AWS_LAMBDA',
      Domain: 'S3',
      ProtocolDetails: { PassiveIp: 'AUTO' },
      SecurityPolicyName: 'TransferSecurityPolicy-2024-01',
      StructuredLogDestinations: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('ServerLogs'), 'Arn'] }],
      EndpointDetails: {
        AddressAllocationIds: Match.absent(),
        SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('IsolatedSubnet1') }]),
      },
    });
    const server = Object.values(template.findResources('AWS::Transfer::Server'))[0];
    expect(server?.Properties.EndpointDetails.SubnetIds).toHaveLength(2);
  });

  it('uses a security group of its own admitting only TCP 21 and 8192-8200 from the allowed clients', () => {
    const template = Template.fromStack(serverStack().stack);
    const server = Object.values(template.findResources('AWS::Transfer::Server'))[0];
    const groups = server?.Properties.EndpointDetails.SecurityGroupIds;
    expect(groups).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^ServerSecurityGroup/), 'GroupId'] }]);
    const sgs = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('Transfer FTP endpoint') },
    });
    const sg = Object.values(sgs)[0]!;
    expect(sg.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({ CidrIp: CLIENT_CIDR, IpProtocol: 'tcp', FromPort: 21, ToPort: 21 }),
      expect.objectContaining({ CidrIp: CLIENT_CIDR, IpProtocol: 'tcp', FromPort: 8192, ToPort: 8200 }),
    ]);
    // No real egress: allowAllOutbound false leaves only CDK's placeholder rule.
    expect(sg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32' })]);
    expect(JSON.stringify(server)).not.toContain('DefaultSecurityGroup');
  });

  it('admits a peer security group and opens its egress to the endpoint', () => {
    const { stack, vpc, server } = serverStack({ allowFrom: [] });
    const client = new ec2.SecurityGroup(stack, 'Client', { vpc, allowAllOutbound: false });
    server.allowFrom(client, 'clients');
    const template = Template.fromStack(stack);
    for (const [from, to] of [
      [21, 21],
      [8192, 8200],
    ]) {
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        FromPort: from,
        ToPort: to,
        SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Client'), 'GroupId'] },
      });
      template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
        FromPort: from,
        ToPort: to,
        DestinationSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServerSecurityGroup'), 'GroupId'] },
      });
    }
  });

  it('lets only transfer.amazonaws.com invoke the IdP, on behalf of this server and account', () => {
    const template = Template.fromStack(serverStack().stack);
    const serverId = logicalId(template, 'AWS::Transfer::Server');
    const fnId = logicalId(template, 'AWS::Lambda::Function', IDP);
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'transfer.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [serverId, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    template.hasResourceProperties('AWS::Transfer::Server', {
      IdentityProviderDetails: { Function: { 'Fn::GetAtt': [fnId, 'Arn'] } },
    });
  });

  it('deploys the bundled IdP on Node 22+ with timeout, memory, log retention and the secret name template', () => {
    const template = Template.fromStack(serverStack().stack);
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: IDP }))[0]!;
    expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.Timeout).toBeGreaterThanOrEqual(5);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(15);
    // CPU grows with memory, and hash verification is CPU-bound: 256 MB made a hashed login four times slower.
    expect(fn.Properties.MemorySize).toBe(1024);
    expect(fn.Properties.VpcConfig).toBeUndefined();
    expect(fn.Properties.Environment.Variables.SECRET_NAME_TEMPLATE).toBe('aws/transfer/{serverId}/{username}');
    // The handler accepts the environment it is deployed with.
    expect(readHandlerConfig(fn.Properties.Environment.Variables)).toMatchObject({
      secretNameTemplate: 'aws/transfer/{serverId}/{username}',
      cacheTtlSeconds: 60,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('gives the bundled IdP a role that writes its own log group only (no AWSLambdaBasicExecutionRole)', () => {
    for (const inVpc of [false, true]) {
      const template = Template.fromStack(serverStack({ identityProviderInVpc: inVpc }).stack);
      const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: IDP }))[0]!;
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const role = template.findResources('AWS::IAM::Role')[roleId]!;
      // In a VPC, Lambda needs its network-interface policy; never the one that writes any log group.
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? [])).not.toContain('AWSLambdaBasicExecutionRole');
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? []).includes('AWSLambdaVPCAccessExecutionRole')).toBe(
        inVpc,
      );
      const logsId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
        (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
      );
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
      expect(statements).toContainEqual({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [logsId, 'Arn'] },
      });
      for (const statement of statements) expect(statement.Resource).not.toBe('*');
    }
  });

  it("sizes the bundled IdP's memory on request", () => {
    const app = testApp();
    const stack = new Stack(app, 'Memory');
    new ClosedFtpServer(stack, 'Server', { vpc: new ClosedVpc(stack, 'Vpc'), identityProviderMemorySize: 1769 });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ...IDP, MemorySize: 1769 });
  });

  it("reads user secrets only under this server's prefix, through a policy the function does not depend on (no cycle)", () => {
    const template = Template.fromStack(serverStack().stack);
    const serverId = logicalId(template, 'AWS::Transfer::Server');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'secretsmanager:GetSecretValue',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                Match.arrayWith([
                  Match.stringLikeRegexp(':secret:aws/transfer/$'),
                  { 'Fn::GetAtt': [serverId, 'ServerId'] },
                  '/*',
                ]),
              ],
            },
          },
        ],
      },
    });
  });

  it('would cycle if the secrets grant lived in the function role default policy (the check can fail)', () => {
    const { stack, server } = serverStack();
    const fn = server.identityProvider as lambda.Function;
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [server.serverArn] }),
    );
    // aws-cdk-lib's template validation reports the cycle on the console first: capture it, do not print it.
    const printed: string[] = [];
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation((...args) => {
      printed.push(args.join(' '));
    });
    try {
      expect(() => Template.fromStack(stack)).toThrow(/dependency cycle/);
    } finally {
      console.mockRestore();
    }
    expect(printed.join('\n')).toMatch(/Circular Dependencies for resource Server/);
  });

  it("adds an STS interface endpoint with private DNS allowing sts:AssumeRole of this account's roles, unless off", () => {
    const template = Template.fromStack(serverStack().stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.sts']] },
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      PolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/*']],
            },
          },
        ],
      },
    });
    const without = Template.fromStack(serverStack({ stsEndpoint: false }).stack);
    without.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });

  it('puts the IdP in the VPC with a Secrets Manager endpoint reachable from it only on request', () => {
    const template = Template.fromStack(serverStack({ identityProviderInVpc: true }).stack);
    template.hasResourceProperties('AWS::Lambda::Function', { ...IDP, VpcConfig: Match.anyValue() });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.secretsmanager']] },
      PrivateDnsEnabled: true,
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 443,
      ToPort: 443,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('IdentityProviderSecurityGroup'), 'GroupId'] },
    });
  });

  it('offers FTPS with a certificate, PassiveIp and TLS resumption mode', () => {
    const app = testApp();
    const stack = new Stack(app, 'Tls');
    const certificate = acm.Certificate.fromCertificateArn(
      stack,
      'Cert',
      'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
    );
    new ClosedFtpServer(stack, 'Server', {
      vpc: new ClosedVpc(stack, 'Vpc'),
      certificate,
      passiveIp: '0.0.0.0',
      tlsSessionResumptionMode: TlsSessionResumptionMode.ENABLED,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Transfer::Server', {
      Protocols: ['FTPS'],
      Certificate: certificate.certificateArn,
      ProtocolDetails: { PassiveIp: '0.0.0.0', TlsSessionResumptionMode: 'ENABLED' },
    });
  });

  it('exposes endpoint DNS name and IPs read by least-privilege custom resources', () => {
    const { stack, server } = serverStack();
    expect(stack.resolve(server.endpointDnsName)).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/VpcEndpoint/), 'VpcEndpoints.0.DnsEntries.0.DnsName'],
    });
    expect(server.endpointIps).toHaveLength(2);
    const template = Template.fromStack(stack);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s) => [s.Action].flat().some((a: string) => /^(ec2|transfer):Describe/.test(a)));
    expect(statements.map((s) => s.Action).sort()).toEqual([
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeVpcEndpoints',
      'transfer:DescribeServer',
    ]);
    const describeServer = statements.find((s) => s.Action === 'transfer:DescribeServer');
    expect(describeServer.Resource).toEqual({ 'Fn::GetAtt': [logicalId(template, 'AWS::Transfer::Server'), 'Arn'] });
  });

  it('uses a custom IdP function when given one, still scoping its invoke permission', () => {
    const app = testApp();
    const stack = new Stack(app, 'Custom');
    const fn = lambda.Function.fromFunctionArn(stack, 'Idp', 'arn:aws:lambda:eu-west-1:111111111111:function:my-idp');
    const vpc = new ClosedVpc(stack, 'Vpc');
    // Memory is for the bundled function only: silently ignoring it would mislead.
    expect(
      () => new ClosedFtpServer(stack, 'Sized', { vpc, identityProvider: fn, identityProviderMemorySize: 2048 }),
    ).toThrow(expect.objectContaining({ prop: 'ClosedFtpServerProps.identityProviderMemorySize' }));
    new ClosedFtpServer(stack, 'Server', { vpc, identityProvider: fn });
    const template = Template.fromStack(stack);
    expect(template.findResources('AWS::Lambda::Function', { Properties: IDP })).toEqual({});
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: 'arn:aws:lambda:eu-west-1:111111111111:function:my-idp',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Server'), 'Arn'] },
    });
  });

  it('grants testing logins, describing, starting/stopping and reading user secrets on this server only', () => {
    const { stack, server } = serverStack();
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    server.grantTestIdentityProvider(operator);
    server.grantDescribe(operator);
    server.grantStartStop(operator);
    server.grantReadUserSecrets(operator);
    const template = Template.fromStack(stack);
    const serverId = logicalId(template, 'AWS::Transfer::Server');
    const serverArn = { 'Fn::GetAtt': [serverId, 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Operator') }],
      PolicyDocument: {
        Statement: [
          { Action: 'transfer:TestIdentityProvider', Effect: 'Allow', Resource: serverArn },
          { Action: 'transfer:DescribeServer', Effect: 'Allow', Resource: serverArn },
          { Action: ['transfer:StartServer', 'transfer:StopServer'], Effect: 'Allow', Resource: serverArn },
          {
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Effect: 'Allow',
            Resource: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [serverId, 'ServerId'] }, '/*'])] },
          },
        ],
      },
    });
  });

  it('imports a server by id and security group, admitting clients on its group', () => {
    const app = testApp();
    const stack = new Stack(app, 'Import');
    new ClosedVpc(stack, 'Vpc');
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Group', 'sg-0123456789abcdef0', { mutable: true });
    const server = ClosedFtpServer.fromServerAttributes(stack, 'Server', {
      serverId: 's-0123456789abcdef0',
      securityGroups: [group],
    });
    expect(stack.resolve(server.serverArn)).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':transfer:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':server/s-0123456789abcdef0',
        ],
      ],
    });
    server.allowFrom(ec2.Peer.ipv4('10.9.0.0/16'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: 'sg-0123456789abcdef0',
      CidrIp: '10.9.0.0/16',
      FromPort: 8192,
      ToPort: 8200,
    });
    // The import adds the two rules to the given group and nothing else: no server, no group, nothing in the VPC.
    const vpcOnly = new Stack(testApp(), 'VpcOnly');
    new ClosedVpc(vpcOnly, 'Vpc');
    const types = (t: Template) =>
      Object.values(t.toJSON().Resources as Record<string, { Type: string }>)
        .map((r) => r.Type)
        .sort();
    const ingress = 'AWS::EC2::SecurityGroupIngress';
    expect(types(template)).toEqual([...types(Template.fromStack(vpcOnly)), ingress, ingress].sort());
  });

  it('serves EFS without a bucket, and refuses users it cannot describe there', () => {
    const { stack, server } = serverStack({ domain: StorageDomain.EFS });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Transfer::Server', { Domain: 'EFS' });
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(server.bucket).toBeUndefined();
    expect(() => server.addUser('user1')).toThrow(/PosixProfile/);
  });

  it('refuses an IdP runtime older than Node.js 24, the one its bundle is built for', () => {
    const stack = new Stack(testApp(), 'Old');
    const make = (runtime: lambda.Runtime) => () =>
      new IdentityProviderFunction(stack, runtime.name, { secretNameTemplate: 'ftp/{username}', runtime });
    expect(make(lambda.Runtime.NODEJS_22_X)).toThrow(
      /IdentityProviderFunctionProps\.runtime: nodejs22\.x.*NODEJS_24_X/,
    );
    expect(make(lambda.Runtime.PYTHON_3_12)).toThrow(InvalidPropError);
    expect(make(lambda.Runtime.NODEJS_24_X)).not.toThrow();
  });

  it('rejects props that cannot work, naming the prop', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ protocols: ['FTPS'] }, 'ClosedFtpServerProps.certificate'],
      [{ protocols: ['SFTP'] }, 'ClosedFtpServerProps.protocols'],
      [{ protocols: [] }, 'ClosedFtpServerProps.protocols'],
      [{ passiveIp: '10.0.0.300' }, 'ClosedFtpServerProps.passiveIp'],
      [{ passiveIp: 'auto' }, 'ClosedFtpServerProps.passiveIp'],
      [{ secretNameTemplate: 'ftp/{serverId}' }, 'ClosedFtpServerProps.secretNameTemplate'],
      [{ secretNameTemplate: '{username}/{serverId}' }, 'ClosedFtpServerProps.secretNameTemplate'],
      [{ tlsSessionResumptionMode: TlsSessionResumptionMode.ENABLED }, 'ClosedFtpServerProps.tlsSessionResumptionMode'],
      [{ identityProviderMemorySize: 64 }, 'ClosedFtpServerProps.identityProviderMemorySize'],
      [{ identityProviderMemorySize: 1024.5 }, 'ClosedFtpServerProps.identityProviderMemorySize'],
    ];
    for (const [props, prop] of cases) {
      const error = captureError(() => serverStack(props));
      expect(InvalidPropError.isInstance(error), JSON.stringify(props)).toBe(true);
      expect((error as InvalidPropError).prop).toBe(prop);
    }
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
