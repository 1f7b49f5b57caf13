import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import {
  CANARY_STEPS,
  ClosedFtpMonitoring,
  ClosedFtpServer,
  ClosedVpc,
  DEFAULT_ALARM_THRESHOLDS,
  FtpCanary,
  InvalidPropError,
  LOG_ACTIVITY_METRICS,
  type LogActivityType,
} from '../../src/index.js';
import { DOCUMENTED_SERVER_ARN, TRANSFER_LOG_ENTRIES } from '../fixtures/transfer-structured-logs.js';
import { testApp, useTestApps } from '../support/apps.js';
import { matchesFilterPattern, selectField } from '../support/filter-pattern.js';
import { peeredStack, serverStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

const ACTIVITIES = Object.keys(LOG_ACTIVITY_METRICS) as LogActivityType[];

describe("metric filters over the server's structured logs", () => {
  it('count exactly the entries of their activity type, per server, in Transfer log entries', () => {
    const { stack, server } = serverStack();
    server.metricAuthFailures();
    server.metricAuthFailures(); // a second call reuses the filter
    server.metricServerErrors();
    server.metricPartialUploads();
    const template = Template.fromStack(stack);
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'));
    expect(filters).toHaveLength(3);
    const logGroup = Object.keys(template.findResources('AWS::Logs::LogGroup')).find((id) => /^ServerLogs/.test(id));
    const lines = TRANSFER_LOG_ENTRIES.map((entry) => JSON.stringify(entry));
    for (const activity of ACTIVITIES) {
      const filter = filters.find(
        (f) => f.Properties.MetricTransformations[0].MetricName === LOG_ACTIVITY_METRICS[activity],
      );
      expect(filter?.Properties.LogGroupName).toEqual({ Ref: logGroup });
      const pattern = filter!.Properties.FilterPattern as string;
      const matched = lines.filter((line) => matchesFilterPattern(pattern, line));
      expect(matched.map((line) => JSON.parse(line)['activity-type'])).toEqual([activity]);
      const [transformation] = filter!.Properties.MetricTransformations;
      expect(transformation).toMatchObject({
        MetricValue: '1',
        Unit: 'Count',
        MetricNamespace: 'ClosedFtp/TransferLogs',
      });
      // The dimension the filter publishes is the one the server's metric reads: the server ARN.
      const [dimension] = transformation.Dimensions;
      expect(dimension.Key).toBe('ServerArn');
      expect(selectField(dimension.Value, matched[0]!)).toBe(DOCUMENTED_SERVER_ARN);
    }
    const metric = server.metricPartialUploads();
    expect(metric.namespace).toBe('ClosedFtp/TransferLogs');
    expect(stack.resolve(metric.dimensions?.ServerArn)).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^Server/), 'Arn'],
    });
  });

  it('would count nothing from a text-only match (the evaluator can fail)', () => {
    const line = JSON.stringify(TRANSFER_LOG_ENTRIES.find((e) => e['activity-type'] === 'EXIT_REASON'));
    expect(line).toContain('AUTH_FAILURE');
    expect(matchesFilterPattern('{ $.activity-type = "AUTH_FAILURE" }', line)).toBe(false);
    expect(matchesFilterPattern('{ $.activity-type = "EXIT_REASON" }', line)).toBe(true);
    expect(() => matchesFilterPattern('AUTH_FAILURE', line)).toThrow(/not a JSON filter pattern/);
  });
});

describe('ClosedFtpMonitoring', () => {
  it('creates the default alarms with the documented thresholds, notifying a topic', () => {
    const { stack, server } = serverStack();
    server.addUser('user1');
    const topic = new sns.Topic(stack, 'Alarms');
    const monitoring = new ClosedFtpMonitoring(stack, 'Monitoring', { server, alarmTopic: topic });
    // Every server alarm; the canary ones come with `canaries` only.
    expect(Object.keys(monitoring.alarms).sort()).toEqual(
      Object.keys(DEFAULT_ALARM_THRESHOLDS)
        .filter((name) => !name.startsWith('canary'))
        .sort(),
    );
    expect(monitoring.canaryAlarms).toEqual([]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
      expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ClosedFtp/TransferLogs',
      MetricName: 'AuthFailures',
      Threshold: DEFAULT_ALARM_THRESHOLDS.authFailures.threshold,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ClosedFtp',
      MetricName: 'LoginDenied',
      Dimensions: Match.arrayWith([{ Name: 'Reason', Value: 'lookup-failed' }]),
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 80,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * duration / 10000' })]),
    });
  });

  it('draws one dashboard of the server, its IdP, its logs and its users', () => {
    const { stack, server } = serverStack();
    server.addUser('user1');
    new ClosedFtpMonitoring(stack, 'Monitoring', { server });
    server.addUser('partner2'); // users added later are listed too
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]);
    for (const text of [
      'LoginAllowed',
      'LoginDenied',
      'wrong-password',
      'AuthFailures',
      'PartialUploads',
      'FilesIn',
      'BytesOut',
      'AWS/Lambda',
      'activity-type',
      'users: user1, partner2',
    ]) {
      expect(body, text).toContain(text);
    }
  });

  it('leaves out the alarms set to false, and takes other thresholds', () => {
    const { stack, server } = serverStack();
    const monitoring = new ClosedFtpMonitoring(stack, 'Monitoring', {
      server,
      alarms: { partialUploads: false, authFailures: { threshold: 5, evaluationPeriods: 2 } },
    });
    expect(monitoring.alarms.partialUploads).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'AuthFailures',
      Threshold: 5,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
    expect(
      () => new ClosedFtpMonitoring(stack, 'Bad', { server, alarms: { serverErrors: { threshold: -1 } } }),
    ).toThrow(expect.objectContaining({ prop: 'ClosedFtpMonitoringProps.alarms.serverErrors' }));
  });

  it('warns and skips the near-timeout alarm for an IdP whose timeout is unknown', () => {
    const stack = new Stack(testApp(), 'Custom');
    const identityProvider = lambda.Function.fromFunctionArn(
      stack,
      'Idp',
      'arn:aws:lambda:eu-west-1:111111111111:function:idp',
    );
    const server = new ClosedFtpServer(stack, 'Server', { vpc: new ClosedVpc(stack, 'Vpc'), identityProvider });
    const monitoring = new ClosedFtpMonitoring(stack, 'Monitoring', { server });
    expect(monitoring.alarms.identityProviderNearTimeout).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Custom/Monitoring', Match.stringLikeRegexp('timeout is unknown'));
    const error = (() => {
      try {
        new ClosedFtpMonitoring(stack, 'Asked', { server, alarms: { identityProviderNearTimeout: { threshold: 90 } } });
      } catch (e) {
        return e;
      }
    })();
    expect(InvalidPropError.isInstance(error) && error.prop).toBe('ClosedFtpServerProps.identityProvider');
  });

  it('keeps cdk-nag clean', () => {
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    const { stack, server } = serverStack({}, app);
    server.addUser('user1');
    new ClosedFtpMonitoring(stack, 'Monitoring', {
      server,
      alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
    });
    expect(synthViolations(app)).toEqual([]);
  });

  it("documents every default in the README's one table", () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const [name, threshold] of Object.entries(DEFAULT_ALARM_THRESHOLDS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      const [, , value, periods] = row!.split('|').map((cell) => cell.trim());
      const percent = name === 'identityProviderNearTimeout' || name === 'canaryLatency';
      expect(value, name).toBe(`≥ ${threshold.threshold}${percent ? ' %' : ''}`);
      expect(periods, name).toBe(`${threshold.datapointsToAlarm ?? 1} of ${threshold.evaluationPeriods ?? 1}`);
    }
  });
});

describe('ClosedFtpMonitoring with canaries', () => {
  function canaryStack(app = testApp()) {
    const base = peeredStack({}, app);
    const made: FtpCanary[] = [];
    // The first canary adds the client VPC's Secrets Manager endpoint; the others share it (one per VPC).
    const canary = (id: string, props: { canaryName?: string; probeTimeout?: Duration } = {}) => {
      const endpoint = made[0]
        ? { secretsManagerEndpoint: made[0].secretsManagerEndpoint }
        : { addSecretsManagerEndpoint: true };
      const created = new FtpCanary(base.stack, id, {
        server: base.server,
        user: base.server.addUser(id.toLowerCase()),
        vpc: base.clientVpc,
        ...endpoint,
        ...props,
      });
      made.push(created);
      return created;
    };
    return { ...base, canary };
  }

  const canaryAlarmsOf = (template: Template) =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      /^closed-ftp canary /.test(a.Properties.AlarmDescription),
    );

  it("alarms on each canary's failures (2 of 3, silence counts) and latency (50 % of its deadline, 3 of 3)", () => {
    const { stack, server, canary } = canaryStack();
    const first = canary('Canary', { canaryName: 'user1 via client VPC' });
    const second = canary('Other', { probeTimeout: Duration.seconds(20) });
    const topic = new sns.Topic(stack, 'Alarms');
    const monitoring = new ClosedFtpMonitoring(stack, 'Monitoring', {
      server,
      alarmTopic: topic,
      canaries: [first, second],
    });
    expect(monitoring.canaryAlarms.map((c) => c.canary)).toEqual([first, second]);
    const template = Template.fromStack(stack);
    const alarms = canaryAlarmsOf(template);
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms)
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
    const failures = alarms.filter((a) => a.Properties.MetricName === 'Failure');
    expect(failures.map((a) => a.Properties.Dimensions)).toEqual([
      expect.arrayContaining([{ Name: 'Canary', Value: 'user1 via client VPC' }]),
      expect.arrayContaining([{ Name: 'Canary', Value: 'Ftp/Other' }]),
    ]);
    for (const alarm of failures) {
      expect(alarm.Properties).toMatchObject({
        Namespace: 'ClosedFtp',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'breaching',
      });
    }
    const latency = alarms.filter((a) => a.Properties.Metrics);
    expect(
      latency.map((a) => a.Properties.Metrics.find((m: { Expression?: string }) => m.Expression).Expression),
    ).toEqual(['100 * duration / 30000', '100 * duration / 20000']);
    for (const alarm of latency) {
      expect(alarm.Properties).toMatchObject({
        Threshold: 50,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        TreatMissingData: 'notBreaching',
      });
      const duration = alarm.Properties.Metrics.find((m: { Id: string }) => m.Id === 'duration');
      expect(duration.MetricStat).toMatchObject({ Metric: { MetricName: 'Duration' }, Stat: 'Maximum' });
    }
  });

  it('takes other canary thresholds, or none', () => {
    const { stack, server, canary } = canaryStack();
    const first = canary('Canary');
    new ClosedFtpMonitoring(stack, 'Monitoring', {
      server,
      canaries: [first],
      alarms: { canaryFailures: { threshold: 1, evaluationPeriods: 5, datapointsToAlarm: 1 }, canaryLatency: false },
    });
    const alarms = canaryAlarmsOf(Template.fromStack(stack));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({ MetricName: 'Failure', EvaluationPeriods: 5, DatapointsToAlarm: 1 });
    expect(
      () =>
        new ClosedFtpMonitoring(stack, 'Bad', {
          server,
          canaries: [first],
          alarms: { canaryFailures: { threshold: 1, evaluationPeriods: 2, datapointsToAlarm: 3 } },
        }),
    ).toThrow(expect.objectContaining({ prop: 'ClosedFtpMonitoringProps.alarms.canaryFailures' }));
  });

  it("draws each canary's row: success per step, latency, failures by top cause; its alarms with the others", () => {
    const { stack, server, canary } = canaryStack();
    const first = canary('Canary', { canaryName: 'user1 "client"' });
    new ClosedFtpMonitoring(stack, 'Monitoring', { server, canaries: [first] });
    const template = Template.fromStack(stack);
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!;
    // The body is a Fn::Join of text and tokens: its text parts, joined, are the JSON CloudWatch reads.
    const joined = dashboard.Properties.DashboardBody['Fn::Join'][1]
      .map((part: unknown) => (typeof part === 'string' ? part : 'TOKEN'))
      .join('');
    const body = JSON.parse(joined) as {
      widgets: Array<{ properties: { title: string; metrics?: unknown[][]; alarms?: string[] } }>;
    };
    const row = (suffix: string) => body.widgets.find((w) => w.properties.title === `Canary user1 "client": ${suffix}`);
    const steps = row('success per step (1 passed, 0 failed)')!.properties.metrics!;
    const stepMetrics = steps.map((m) => m[1]);
    for (const name of Object.values(CANARY_STEPS)) expect(stepMetrics).toContain(`${name}Success`);
    expect(stepMetrics).toContain('Success');
    const latency = row('latency (ms, max)')!.properties.metrics!.map((m) => m[1]);
    expect(latency).toEqual(['Duration', ...Object.values(CANARY_STEPS).map((name) => `${name}Latency`)]);
    const causes = row('failures by top cause')!.properties.metrics as Array<[{ expression: string }]>;
    expect(causes[0]![0].expression).toBe(
      `SEARCH('{ClosedFtp,Canary,TopCause,service} MetricName="Failure" Canary="user1 \\"client\\""', 'Sum', 300)`,
    );
    // Both canary alarms are on the alarm widget, with the server's.
    const alarmWidget = body.widgets.find((w) => w.properties.title === 'Alarms')!;
    expect(alarmWidget.properties.alarms).toHaveLength(Object.keys(DEFAULT_ALARM_THRESHOLDS).length);
  });

  it('keeps cdk-nag clean with a canary', () => {
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    const { stack, server, canary } = canaryStack(app);
    new ClosedFtpMonitoring(stack, 'Monitoring', {
      server,
      canaries: [canary('Canary')],
      alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
    });
    expect(synthViolations(app)).toEqual([]);
  });
});
