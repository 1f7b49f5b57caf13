import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LIVE_IAM_ACTIONS } from '@closed-ftp/network-check';
import { FakeEc2, FakeTransfer } from '@closed-ftp/test-support/fake-aws';
import { type App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DRIFT_CHECK_ACTIONS, NetworkDriftCheck } from '../../src/index.js';
import { testApp, useTestApps } from '../support/apps.js';
import { serverStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

const run = promisify(execFile);
const DRIFT_FN = { Description: Match.stringLikeRegexp('network drift check') };

function driftTemplate() {
  const stack = new Stack(testApp(), 'Drift');
  const check = new NetworkDriftCheck(stack, 'Drift', {
    clientCidrs: ['192.168.10.0/24'],
    alarmTopic: new sns.Topic(stack, 'Alarms'),
  });
  return { stack, check, template: Template.fromStack(stack) };
}

describe('NetworkDriftCheck', () => {
  it('runs the drift bundle hourly, outside any VPC, configured as its handler reads it', () => {
    const { template } = driftTemplate();
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: DRIFT_FN }))[0]!;
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Timeout: 300, Runtime: 'nodejs24.x' });
    expect(fn.Properties.VpcConfig).toBeUndefined();
    expect(fn.Properties.Environment.Variables).toEqual({
      DRIFT_CLIENT_CIDRS: '192.168.10.0/24',
      DRIFT_PROFILE: 'closed',
      POWERTOOLS_METRICS_NAMESPACE: 'ClosedFtp/NetworkDrift',
      POWERTOOLS_SERVICE_NAME: 'closed-ftp-network-drift',
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }) }),
    });
  });

  it('may make exactly the read-only calls of network-check live, and write its own log group', () => {
    expect([...DRIFT_CHECK_ACTIONS].sort()).toEqual([...LIVE_IAM_ACTIONS].sort());
    const { template } = driftTemplate();
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('DriftRole'),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
    const reads = actions.filter((a: string) => !a.startsWith('logs:'));
    expect(reads.sort()).toEqual([...LIVE_IAM_ACTIONS].sort());
    for (const action of reads) expect(action).toMatch(/^(ec2|transfer|lambda):(Describe|List|Get|Search)/);
    for (const action of actions.filter((a: string) => a.startsWith('logs:'))) {
      expect(action).toMatch(/^logs:(CreateLogStream|PutLogEvents)$/);
    }
    const role = Object.values(template.findResources('AWS::IAM::Role')).find((r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'),
    )!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('alarms when a run finds an error, notifying the topic, on the metric the bundle publishes', async () => {
    const { template, stack } = driftTemplate();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ClosedFtp/NetworkDrift',
      MetricName: 'ErrorFindings',
      Dimensions: [{ Name: 'service', Value: 'closed-ftp-network-drift' }],
      Period: 3600,
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
    // The bundle the construct deploys, run with the environment it deploys, against an empty fake account.
    const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: DRIFT_FN }))[0]!;
    const ec2 = await FakeEc2.start({
      account: { describe: {} },
      handlers: { DescribeVpcAttribute: (input) => ({ vpcId: input.VpcId }) },
    });
    const transfer = await FakeTransfer.start({ handlers: { ListServers: () => ({ Servers: [] }) } });
    try {
      const bundle = join((stack.node.root as App).outdir, driftAsset(template), 'index.mjs');
      const script = `const { handler } = await import(${JSON.stringify(bundle)}); await handler({});`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        env: {
          ...fn.Properties.Environment.Variables,
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          AWS_ENDPOINT_URL_EC2: ec2.endpoint,
          AWS_ENDPOINT_URL_TRANSFER: transfer.endpoint,
          AWS_ENDPOINT_URL_LAMBDA: ec2.endpoint,
          AWS_ACCESS_KEY_ID: ec2.clientConfig.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: ec2.clientConfig.credentials.secretAccessKey,
        },
      });
      const emf = stdout
        .split('\n')
        .filter((line) => line.includes('"_aws"'))
        .map((line) => JSON.parse(line));
      const [directive] = emf[0]._aws.CloudWatchMetrics;
      expect(directive.Namespace).toBe('ClosedFtp/NetworkDrift');
      expect(directive.Dimensions).toEqual([['service']]);
      expect(directive.Metrics.map((m: { Name: string }) => m.Name)).toContain('ErrorFindings');
      expect(emf[0]).toMatchObject({ service: 'closed-ftp-network-drift', ErrorFindings: 0 });
      expect(transfer.calls.map((c) => c.operation)).toEqual(['ListServers']);
    } finally {
      await Promise.all([ec2.close(), transfer.close()]);
    }
  }, 60_000);

  it('checks only the servers given, and refuses a client network that is not a CIDR', () => {
    const { stack, server } = serverStack();
    new NetworkDriftCheck(stack, 'Drift', { servers: [server], profile: 'connected' });
    const fn = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: DRIFT_FN }),
    )[0]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      DRIFT_SERVER_IDS: { 'Fn::GetAtt': [expect.stringMatching(/^Server/), 'ServerId'] },
      DRIFT_PROFILE: 'connected',
    });
    expect(() => new NetworkDriftCheck(stack, 'Bad', { clientCidrs: ['on-prem'] })).toThrow(
      expect.objectContaining({ prop: 'NetworkDriftCheckProps.clientCidrs' }),
    );
  });

  it('keeps cdk-nag clean', () => {
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    const stack = new Stack(app, 'Drift');
    new NetworkDriftCheck(stack, 'Drift', { alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }) });
    expect(synthViolations(app)).toEqual([]);
  });
});

/** The function's asset folder in the cloud assembly (what CloudFormation would deploy). */
function driftAsset(template: Template): string {
  const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: DRIFT_FN }))[0]!;
  // Staged as asset.<hash>, deployed as <hash>.zip.
  return `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`;
}
