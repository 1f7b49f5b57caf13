import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandler } from '@closed-ftp/idp-lambda';
import { useTempDir } from '@closed-ftp/test-support';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import {
  ClosedFtpError,
  ClosedFtpServer,
  ClosedFtpServerBase,
  ClosedVpc,
  type IClosedFtpServer,
  InvalidPropError,
} from '../../src/index.js';
import { testApp, useTestApps } from '../support/apps.js';
import { serverStack } from '../support/stacks.js';

useTestApps();
const files = useTempDir('cdk-closed-ftp-idp');

const SERVER_ID = 's-0123456789abcdef0';

function statementsOf(template: Template, roleLogicalIdPrefix: string): unknown[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleLogicalIdPrefix))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('IClosedFtpServer, made or imported', () => {
  it('imports a server by id as a resource of the stack, with every grant scoped to it', () => {
    const stack = new Stack(testApp(), 'Import');
    const server: IClosedFtpServer = ClosedFtpServer.fromServerId(stack, 'Server', SERVER_ID);
    expect(server).toBeInstanceOf(ClosedFtpServerBase);
    expect(server.stack).toBe(stack);
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    server.grantDescribe(operator);
    server.grantStartStop(operator);
    server.grantTestIdentityProvider(operator);
    server.grantReadUserSecrets(operator);
    server.grant(operator, 'transfer:ListUsers');
    const arn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':transfer:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:server/${SERVER_ID}`,
        ],
      ],
    };
    const secrets = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':secretsmanager:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:secret:aws/transfer/${SERVER_ID}/*`,
        ],
      ],
    };
    expect(statementsOf(Template.fromStack(stack), 'Operator')).toEqual([
      { Action: 'transfer:DescribeServer', Effect: 'Allow', Resource: arn },
      { Action: ['transfer:StartServer', 'transfer:StopServer'], Effect: 'Allow', Resource: arn },
      { Action: 'transfer:TestIdentityProvider', Effect: 'Allow', Resource: arn },
      {
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Effect: 'Allow',
        Resource: secrets,
      },
      { Action: 'transfer:ListUsers', Effect: 'Allow', Resource: arn },
    ]);
  });

  it("scopes an imported server's user secrets by its secret name template", () => {
    const stack = new Stack(testApp(), 'Import');
    const server = ClosedFtpServer.fromServerAttributes(stack, 'Server', {
      serverId: SERVER_ID,
      secretNameTemplate: 'ftp/{serverId}/users/{username}',
    });
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    server.grantReadUserSecrets(operator);
    const [statement] = statementsOf(Template.fromStack(stack), 'Operator') as Array<{ Resource: unknown }>;
    expect(JSON.stringify(statement?.Resource)).toContain(`:secret:ftp/${SERVER_ID}/users/*`);
  });

  it('gives the made server the same grants through the same base (one implementation)', () => {
    const { stack, server } = serverStack();
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    server.grant(operator, 'transfer:ListUsers', 'transfer:DescribeUser');
    const template = Template.fromStack(stack);
    const serverId = Object.keys(template.findResources('AWS::Transfer::Server'))[0]!;
    expect(statementsOf(template, 'Operator')).toEqual([
      {
        Action: ['transfer:ListUsers', 'transfer:DescribeUser'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [serverId, 'Arn'] },
      },
    ]);
  });

  it('admits clients on an imported server with the same rules as on a made one', () => {
    const stack = new Stack(testApp(), 'Import');
    const vpc = new ClosedVpc(stack, 'Vpc');
    const group = new ec2.SecurityGroup(stack, 'EndpointGroup', { vpc, allowAllOutbound: false });
    const imported = ClosedFtpServer.fromServerAttributes(stack, 'Imported', {
      serverId: SERVER_ID,
      securityGroups: [group],
    });
    imported.allowFrom(ec2.Peer.ipv4('10.9.0.0/16'), 'branch office');
    const ingress = Template.fromStack(stack).findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('EndpointGroup') },
    });
    expect(Object.values(ingress)[0]?.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({
        CidrIp: '10.9.0.0/16',
        FromPort: 21,
        ToPort: 21,
        Description: 'branch office (FTP control)',
      }),
      expect.objectContaining({ CidrIp: '10.9.0.0/16', FromPort: 8192, ToPort: 8200 }),
    ]);
  });

  it('refuses a server id that is not one, naming the attribute and the construct path', () => {
    const stack = new Stack(testApp(), 'Import');
    const error = thrown(() => ClosedFtpServer.fromServerId(stack, 'Server', 's-123'));
    expect(InvalidPropError.isInstance(error) && error.prop).toBe('ClosedFtpServerAttributes.serverId');
    expect((error as ClosedFtpError).constructPath).toBe('Import/Server');
    expect((error as Error).message).toMatch(/^ClosedFtpServerAttributes\.serverId: 's-123' .* \(at Import\/Server\)$/);
  });

  it('names the construct path in every prop error of the constructs', () => {
    const error = thrown(() => serverStack({ passiveIp: 'auto' }));
    expect(ClosedFtpError.isInstance(error) && error.constructPath).toBe('Ftp/Server');
    const { server } = serverStack();
    const duplicate = thrown(() => {
      server.addUser('user1');
      server.addUser('user1');
    });
    expect(ClosedFtpError.isInstance(duplicate) && duplicate.constructPath).toBe('Ftp/Server');
    const badName = thrown(() => server.addUser('-x'));
    expect(ClosedFtpError.isInstance(badName) && badName.constructPath).toBe('Ftp/Server/User--x');
    const vpc = thrown(() => new ClosedVpc(new Stack(testApp(), 'Net'), 'Vpc', { cidr: '10.0/16' }));
    expect(ClosedFtpError.isInstance(vpc) && vpc.constructPath).toBe('Net/Vpc');
  });
});

describe('metric*()', () => {
  it("reads Transfer's own metrics of the server, by its id", () => {
    const { stack, server } = serverStack();
    const imported = ClosedFtpServer.fromServerId(stack, 'Imported', SERVER_ID);
    for (const [metric, name] of [
      [server.metricBytesIn(), 'BytesIn'],
      [server.metricBytesOut(), 'BytesOut'],
      [server.metricFilesIn(), 'FilesIn'],
      [imported.metricFilesOut({ period: Duration.minutes(1) }), 'FilesOut'],
    ] as const) {
      expect(metric.namespace).toBe('AWS/Transfer');
      expect(metric.metricName).toBe(name);
      expect(metric.statistic).toBe('Sum');
    }
    expect(imported.metricFilesOut().dimensions).toEqual({ ServerId: SERVER_ID });
    server.metricFilesIn().createAlarm(stack, 'NoFiles', {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    });
    const template = Template.fromStack(stack);
    const serverId = Object.keys(template.findResources('AWS::Transfer::Server'))[0]!;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Transfer',
      MetricName: 'FilesIn',
      Dimensions: [{ Name: 'ServerId', Value: { 'Fn::GetAtt': [serverId, 'ServerId'] } }],
      Statistic: 'Sum',
      Period: 300,
    });
  });

  it("reads the IdP function's errors, throttles and duration, and the duration against its timeout", () => {
    const { stack, server } = serverStack();
    expect(server.metricIdentityProviderErrors().namespace).toBe('AWS/Lambda');
    expect(server.metricIdentityProviderErrors().metricName).toBe('Errors');
    expect(server.metricIdentityProviderThrottles().metricName).toBe('Throttles');
    expect(server.metricIdentityProviderDuration().statistic).toBe('Maximum');
    const ratio = server.metricIdentityProviderDurationOfTimeout();
    // The bundled IdP's 10 s timeout.
    expect(ratio.expression).toBe('100 * duration / 10000');
    ratio.createAlarm(stack, 'NearTimeout', { threshold: 80, evaluationPeriods: 1 });
    const template = Template.fromStack(stack);
    const fn = Object.keys(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('custom identity provider') },
      }),
    )[0]!;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 * duration / 10000' }),
        Match.objectLike({
          Id: 'duration',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Duration',
              Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
            },
            Stat: 'Maximum',
          }),
        }),
      ]),
    });
  });

  it('refuses the duration-of-timeout metric for an IdP whose timeout it cannot know, naming the prop', () => {
    const stack = new Stack(testApp(), 'Custom');
    const identityProvider = lambda.Function.fromFunctionArn(
      stack,
      'Idp',
      'arn:aws:lambda:eu-west-1:111111111111:function:idp',
    );
    const server = new ClosedFtpServer(stack, 'Server', { vpc: new ClosedVpc(stack, 'Vpc'), identityProvider });
    const error = thrown(() => server.metricIdentityProviderDurationOfTimeout());
    expect(InvalidPropError.isInstance(error) && error.prop).toBe('ClosedFtpServerProps.identityProvider');
  });

  it('reads the login decisions exactly as the deployed idp-lambda handler publishes them', async () => {
    const { stack, server } = serverStack();
    const template = Template.fromStack(stack);
    const fn = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('custom identity provider') },
      }),
    )[0]!;
    // The handler, configured with the environment the construct deploys, denies a login and publishes EMF.
    const users = join(files.path, 'users.json');
    writeFileSync(users, '{}');
    const written: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const env = { ...fn.Properties.Environment.Variables, USER_STORE_FILE: users, POWERTOOLS_LOG_LEVEL: 'SILENT' };
      const handler = createHandler({ env });
      await handler({ username: 'nobody', password: 'x', protocol: 'FTP', serverId: SERVER_ID, sourceIp: '10.1.2.3' });
    } finally {
      stdout.mockRestore();
    }
    const emf = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line));
    expect(emf).toHaveLength(1);
    const record = emf[0];
    const directive = record._aws.CloudWatchMetrics[0];
    const published = (metric: cloudwatch.Metric) =>
      directive.Namespace === metric.namespace &&
      directive.Metrics.some((m: { Name: string }) => m.Name === metric.metricName) &&
      directive.Dimensions.some(
        (set: string[]) =>
          set.length === Object.keys(metric.dimensions ?? {}).length &&
          set.every((name) => record[name] === metric.dimensions?.[name]),
      );
    expect(published(server.metricLoginsDenied())).toBe(true);
    expect(published(server.metricLoginsDenied({ reason: 'unknown-user' }))).toBe(true);
    expect(published(server.metricLoginsDenied({ reason: 'wrong-password' }))).toBe(false);
    expect(published(server.metricLoginLatency())).toBe(true);
    expect(server.metricLoginsAllowed().metricName).toBe('LoginAllowed');
    expect(server.metricLoginsAllowed().dimensions).toEqual(server.metricLoginsDenied().dimensions);
  });
});
