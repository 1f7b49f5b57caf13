import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canaryBundleDir } from '@closed-ftp/ftp-probe';
import { CANARY_ENVIRONMENT, readCanaryConfig, STEP_METRIC_NAMES } from '@closed-ftp/ftp-probe/canary';
import { NetworkCheckPlugin } from '@closed-ftp/network-check/cdk';
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { CANARY_STEPS, FtpCanary, type FtpCanaryProps, InvalidPropError } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { type PeeredStack, peeredStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

function canaryStack(props: Partial<FtpCanaryProps> = {}, stack: PeeredStack = peeredStack()) {
  const user = stack.server.addUser('canary1');
  const canary = new FtpCanary(stack.stack, 'Canary', {
    server: stack.server,
    user,
    vpc: stack.clientVpc,
    addSecretsManagerEndpoint: true,
    ...props,
  });
  return { ...stack, user, canary };
}

const CANARY_FN = { Description: Match.stringLikeRegexp('FTP canary') };

describe('FtpCanary', () => {
  it('runs the canary bundle in the client subnets every 5 minutes, configured as its handler reads it', () => {
    const { stack, canary } = canaryStack();
    const template = Template.fromStack(stack);
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: CANARY_FN }))[0]!;
    expect(fn.Properties.Handler).toBe('index.handler');
    expect(fn.Properties.Timeout).toBe(45);
    expect(fn.Properties.VpcConfig.SubnetIds).toEqual([
      { Ref: expect.stringMatching(/^ClientVpcIsolatedSubnet1/) },
      { Ref: expect.stringMatching(/^ClientVpcIsolatedSubnet2/) },
    ]);
    const env = fn.Properties.Environment.Variables as Record<string, unknown>;
    for (const name of Object.keys(env)) expect(Object.keys(CANARY_ENVIRONMENT), name).toContain(name);
    // The handler accepts what the construct deploys (tokens replaced by what they resolve to).
    const config = readCanaryConfig({
      ...(env as Record<string, string>),
      FTP_HOST: 'vpce-0abc-1234.vpce-svc-0def.eu-west-1.vpce.amazonaws.com',
      FTP_PASSWORD_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/s-0/canary1-AbCdEf',
    });
    expect(config).toMatchObject({ writeCheck: false, timeoutMs: 30_000, name: canary.canaryName });
    expect(config.target).toMatchObject({ user: 'canary1', port: 21, secure: false });
    expect(config.metrics).toEqual({ namespace: 'ClosedFtp', serviceName: 'closed-ftp-canary', disabled: false });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CanaryFunction'), 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }),
      }),
    });
  });

  it("ships the probe's canary bundle, unchanged", () => {
    const { app, stack } = canaryStack();
    const template = Template.fromStack(stack);
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: CANARY_FN }))[0]!;
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
    const staged = readFileSync(join(app.outdir, `asset.${hash}`, 'index.mjs'));
    expect(staged).toEqual(readFileSync(join(canaryBundleDir, 'index.mjs')));
  });

  it("may read only its user's secret", () => {
    const { stack } = canaryStack();
    const template = Template.fromStack(stack);
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: CANARY_FN }))[0]!;
    const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const secret = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0]!;
    expect(statements.filter((s) => JSON.stringify(s.Action).includes('secretsmanager'))).toEqual([
      { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: { Ref: secret } },
    ]);
  });

  it('opens exactly 21 and 8192-8200 toward the endpoint and 443 to its Secrets Manager endpoint', () => {
    const { stack } = canaryStack();
    const template = Template.fromStack(stack);
    const group = Object.values(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: Match.stringLikeRegexp('closed-ftp canary') },
      }),
    )[0]!;
    const vpcCidr = { 'Fn::GetAtt': [expect.stringMatching(/^Vpc/), 'CidrBlock'] };
    expect(group.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: vpcCidr, FromPort: 21, ToPort: 21, IpProtocol: 'tcp' }),
      expect.objectContaining({ CidrIp: vpcCidr, FromPort: 8192, ToPort: 8200, IpProtocol: 'tcp' }),
    ]);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      FromPort: 443,
      ToPort: 443,
      DestinationSecurityGroupId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^CanarySecretsManagerEndpoint'), 'GroupId'],
      },
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.secretsmanager']] },
      PrivateDnsEnabled: true,
      VpcId: { Ref: Match.stringLikeRegexp('^ClientVpc') },
    });
    // The endpoint admits the canary's subnets on the same two port ranges.
    const endpoint = Object.values(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: Match.stringLikeRegexp('Transfer FTP endpoint') },
      }),
    )[0]!;
    expect(JSON.stringify(endpoint.Properties.SecurityGroupIngress)).toContain('canary');
  });

  it('requires a way to Secrets Manager from isolated subnets, with a clear error', () => {
    const error = (() => {
      try {
        canaryStack({ addSecretsManagerEndpoint: false });
      } catch (e) {
        return e;
      }
    })();
    expect(InvalidPropError.isInstance(error) && error.prop).toBe('FtpCanaryProps.secretsManagerEndpoint');
    expect((error as Error).message).toMatch(/addSecretsManagerEndpoint: true/);
  });

  it('uses a Secrets Manager endpoint the VPC already has', () => {
    const base = peeredStack();
    const existing = base.clientVpc.addServiceEndpoint(
      'SecretsManager',
      ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      { open: false },
    );
    const { stack, canary } = canaryStack({ addSecretsManagerEndpoint: false, secretsManagerEndpoint: existing }, base);
    expect(canary.secretsManagerEndpoint).toBe(existing);
    Template.fromStack(stack).resourcePropertiesCountIs(
      'AWS::EC2::VPCEndpoint',
      { ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['.secretsmanager'])] }) },
      1,
    );
  });

  it('alarms on k failed of n runs (a silent canary counts as failing) and on latency, notifying a topic', () => {
    const base = peeredStack();
    const topic = new sns.Topic(base.stack, 'Alerts');
    const { stack, canary } = canaryStack({ alarmTopic: topic }, base);
    canary.alarmOnFailure({ failures: 2, runs: 3 });
    canary.alarmOnLatency({ threshold: Duration.seconds(20) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ClosedFtp',
      MetricName: 'Failure',
      Dimensions: Match.arrayWith([{ Name: 'Canary', Value: canary.canaryName }]),
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 20_000 });
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alerts/) }]);
    }
    expect(() => canary.alarmOnFailure({ failures: 4, runs: 3 })).toThrow(
      expect.objectContaining({ prop: 'alarmOnFailure' }),
    );
  });

  it('reads a metric per step, by the names the handler publishes', () => {
    const { canary } = canaryStack();
    const published = new Set(Object.values(STEP_METRIC_NAMES));
    for (const [step, prefix] of Object.entries(CANARY_STEPS)) {
      if (prefix !== 'DataConnection') expect(published, step).toContain(prefix);
      expect(canary.metricStepSuccess(step as keyof typeof CANARY_STEPS).metricName).toBe(`${prefix}Success`);
      expect(canary.metricStepLatency(step as keyof typeof CANARY_STEPS).metricName).toBe(`${prefix}Latency`);
    }
    expect(canary.metricFailuresByCause('CFTP-PROBE-004').dimensions).toEqual({
      service: 'closed-ftp-canary',
      Canary: canary.canaryName,
      TopCause: 'CFTP-PROBE-004',
    });
    expect(canaryStack({ schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)) }).canary).toBeDefined();
  });

  it('keeps cdk-nag clean', () => {
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    const { canary } = canaryStack({}, peeredStack({}, app));
    canary.alarmOnFailure();
    expect(synthViolations(app)).toEqual([]);
  });

  it("passes network-check's plugin with the canary in the client VPC", () => {
    // network-check checks instances and given client CIDRs as clients, not VPC Lambdas: a broken canary path is
    // not caught by it yet (see the README).
    const app = appWithPlugins(() => [new NetworkCheckPlugin({ failOn: 'warning' })]);
    canaryStack({}, peeredStack({}, app));
    expect(synthViolations(app)).toEqual([]);
  });
});
