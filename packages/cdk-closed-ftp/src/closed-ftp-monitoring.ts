import { Annotations, Duration, Lazy, Names } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ClosedFtpServer } from './closed-ftp-server.js';
import { InvalidPropError } from './errors.js';
import { CANARY_STEPS, type CanaryStep, type FtpCanary } from './ftp-canary.js';

/** When an alarm fires: at least `threshold` in `datapointsToAlarm` of the last `evaluationPeriods` 5-minute periods. */
export interface MonitoringThreshold {
  readonly threshold: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
}

/** The alarms `ClosedFtpMonitoring` creates; give one to change it, `false` to leave it out. */
export interface ClosedFtpAlarmThresholds {
  /** IdP invocations that threw or timed out (each is a denied login). @default - 1 in 5 min */
  readonly identityProviderErrors?: MonitoringThreshold | false;
  /** IdP invocations Lambda throttled. @default - 1 in 5 min */
  readonly identityProviderThrottles?: MonitoringThreshold | false;
  /** IdP duration, % of its timeout (bundled IdP, or a function with a timeout). @default - 80 % in 2 of 3 periods */
  readonly identityProviderNearTimeout?: MonitoringThreshold | false;
  /** Logins denied because the IdP could not read the user's secret (`lookup-failed`). @default - 1 in 5 min */
  readonly secretLookupFailures?: MonitoringThreshold | false;
  /** AUTH_FAILURE entries in the server's logs (wrong passwords, unknown users, guessing). @default - 20 in 5 min */
  readonly authFailures?: MonitoringThreshold | false;
  /** ERROR entries in the server's logs (storage or permission failures). @default - 1 in 5 min */
  readonly serverErrors?: MonitoringThreshold | false;
  /** PARTIAL_CLOSE entries: interrupted uploads that may have left partial objects. @default - 1 in 5 min */
  readonly partialUploads?: MonitoringThreshold | false;
  /**
   * Each canary's failed runs: `datapointsToAlarm` of the last `evaluationPeriods` periods had one; a canary that
   * stops reporting counts as failing. @default - 2 of 3
   */
  readonly canaryFailures?: MonitoringThreshold | false;
  /** Each canary's probe duration (max), % of its `probeTimeout`. @default - 50 % in 3 of 3 periods */
  readonly canaryLatency?: MonitoringThreshold | false;
}

export interface ClosedFtpMonitoringProps {
  /** The server to watch (its IdP and its users come with it). */
  readonly server: ClosedFtpServer;
  /** Where alarms go (on alarm and on recovery). @default - no action: the alarms only change state */
  readonly alarmTopic?: sns.ITopic;
  /** Thresholds per alarm. @default - the defaults of `ClosedFtpAlarmThresholds` */
  readonly alarms?: ClosedFtpAlarmThresholds;
  /**
   * Canaries watching this server: each gets the `canaryFailures` and `canaryLatency` alarms and a dashboard row
   * (success per step, latency, failures by top cause). @default - none
   */
  readonly canaries?: FtpCanary[];
  /** More widgets for the dashboard, after everything else. @default - none */
  readonly extraWidgets?: cloudwatch.IWidget[];
  /** @default - CloudFormation names it */
  readonly dashboardName?: string;
}

/** The defaults, written once: the README's table is this object. */
export const DEFAULT_ALARM_THRESHOLDS: Required<{ [K in keyof ClosedFtpAlarmThresholds]: MonitoringThreshold }> = {
  identityProviderErrors: { threshold: 1 },
  identityProviderThrottles: { threshold: 1 },
  identityProviderNearTimeout: { threshold: 80, evaluationPeriods: 3, datapointsToAlarm: 2 },
  secretLookupFailures: { threshold: 1 },
  authFailures: { threshold: 20 },
  serverErrors: { threshold: 1 },
  partialUploads: { threshold: 1 },
  canaryFailures: { threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
  canaryLatency: { threshold: 50, evaluationPeriods: 3, datapointsToAlarm: 3 },
};

type AlarmName = keyof ClosedFtpAlarmThresholds;
const CANARY_ALARMS = ['canaryFailures', 'canaryLatency'] as const;
type CanaryAlarmName = (typeof CANARY_ALARMS)[number];
type ServerAlarmName = Exclude<AlarmName, CanaryAlarmName>;

/** The alarms made for one canary. */
export interface CanaryAlarms {
  readonly canary: FtpCanary;
  readonly failures?: cloudwatch.Alarm;
  readonly latency?: cloudwatch.Alarm;
}

/**
 * Alarms and one CloudWatch dashboard for a `ClosedFtpServer`: its IdP (errors, throttles, duration against the
 * timeout, login decisions by reason), its structured logs (failed logins, server errors, partial uploads),
 * Transfer's traffic metrics, and the users' failed logins by name.
 */
export class ClosedFtpMonitoring extends Construct {
  /** The alarms made, by name (see `ClosedFtpAlarmThresholds`). */
  readonly alarms: Partial<Record<ServerAlarmName, cloudwatch.Alarm>> = {};
  /** The alarms made for each of `canaries`, in their order. */
  readonly canaryAlarms: CanaryAlarms[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly props: ClosedFtpMonitoringProps;

  constructor(scope: Construct, id: string, props: ClosedFtpMonitoringProps) {
    super(scope, id);
    this.props = props;
    const { server } = props;
    const metrics: Record<ServerAlarmName, () => cloudwatch.IMetric> = {
      identityProviderErrors: () => server.metricIdentityProviderErrors(),
      identityProviderThrottles: () => server.metricIdentityProviderThrottles(),
      identityProviderNearTimeout: () => server.metricIdentityProviderDurationOfTimeout(),
      secretLookupFailures: () => server.metricLoginsDenied({ reason: 'lookup-failed' }),
      authFailures: () => server.metricAuthFailures(),
      serverErrors: () => server.metricServerErrors(),
      partialUploads: () => server.metricPartialUploads(),
    };
    for (const name of Object.keys(metrics) as ServerAlarmName[]) {
      const given = props.alarms?.[name];
      if (given === false) continue;
      if (name === 'identityProviderNearTimeout' && given === undefined && !server.identityProviderTimeout) {
        Annotations.of(this).addWarningV2(
          '@closed-ftp/cdk-closed-ftp:idpTimeoutUnknown',
          "The identity provider's timeout is unknown: no near-timeout alarm. Pass a lambda.Function with `timeout`.",
        );
        continue;
      }
      this.alarms[name] = this.alarm(
        alarmId(name),
        name,
        metrics[name](),
        `${server.node.path}: ${DESCRIPTIONS[name]}`,
      );
    }
    const canaryMetrics: Record<CanaryAlarmName, (canary: FtpCanary) => cloudwatch.IMetric> = {
      canaryFailures: (canary) => canary.metricFailure(),
      canaryLatency: (canary) => canary.metricDurationOfTimeout(),
    };
    for (const canary of props.canaries ?? []) {
      // Named after the canary, so adding or removing another one does not replace its alarms.
      const prefix = Names.uniqueId(canary);
      const made: Partial<Record<CanaryAlarmName, cloudwatch.Alarm>> = {};
      for (const name of CANARY_ALARMS) {
        if (props.alarms?.[name] === false) continue;
        made[name] = this.alarm(
          `${prefix}${alarmId(name)}`,
          name,
          canaryMetrics[name](canary),
          `canary ${canary.canaryName} (${server.node.path}): ${DESCRIPTIONS[name]}`,
        );
      }
      this.canaryAlarms.push({ canary, failures: made.canaryFailures, latency: made.canaryLatency });
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      defaultInterval: Duration.hours(6),
    });
    const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, width: 12, height: 6 });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [
          ...Object.values(this.alarms),
          ...this.canaryAlarms.flatMap((c) => [c.failures, c.latency].filter((a) => a !== undefined)),
        ],
        width: 24,
        height: 3,
      }),
    );
    this.dashboard.addWidgets(
      graph(
        'Logins (IdP decisions)',
        [server.metricLoginsAllowed({ label: 'allowed' }), server.metricLoginsDenied({ label: 'denied' })],
        [server.metricLoginLatency({ label: 'latency p99 (ms)' })],
      ),
      graph(
        'Denied logins by reason',
        DENY_REASONS.map((reason) => server.metricLoginsDenied({ reason, label: reason })),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Identity provider function',
        [
          server.metricIdentityProviderErrors({ label: 'errors' }),
          server.metricIdentityProviderThrottles({ label: 'throttles' }),
        ],
        [nearTimeout(server)],
      ),
      graph('Server log entries', [
        server.metricAuthFailures({ label: 'AUTH_FAILURE' }),
        server.metricServerErrors({ label: 'ERROR' }),
        server.metricPartialUploads({ label: 'PARTIAL_CLOSE' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Files', [server.metricFilesIn({ label: 'in' }), server.metricFilesOut({ label: 'out' })]),
      graph('Bytes', [server.metricBytesIn({ label: 'in' }), server.metricBytesOut({ label: 'out' })]),
    );
    this.dashboard.addWidgets(
      new cloudwatch.LogQueryWidget({
        title: Lazy.string({
          produce: () => `Failed logins by user (users: ${server.userNames.join(', ') || 'none'})`,
        }),
        logGroupNames: [server.logGroup.logGroupName],
        queryLines: [
          'fields @timestamp, user, `source-ip`',
          'filter `activity-type` = "AUTH_FAILURE"',
          'stats count() as failures by user, `source-ip`',
          'sort failures desc',
        ],
        width: 24,
        height: 6,
      }),
    );
    for (const canary of props.canaries ?? []) this.dashboard.addWidgets(...canaryWidgets(canary));
    if (props.extraWidgets?.length) this.dashboard.addWidgets(...props.extraWidgets);
  }

  /** One alarm at the threshold given for `name` (or its default), notifying the topic. */
  private alarm(id: string, name: AlarmName, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    const threshold = this.props.alarms?.[name] || DEFAULT_ALARM_THRESHOLDS[name];
    const periods = threshold.evaluationPeriods ?? 1;
    const datapoints = threshold.datapointsToAlarm ?? periods;
    if (!(threshold.threshold >= 0) || !(periods >= 1) || !(datapoints >= 1 && datapoints <= periods)) {
      throw new InvalidPropError(
        `ClosedFtpMonitoringProps.alarms.${name}`,
        'give a threshold of 0 or more, at least 1 evaluation period and 1 to evaluationPeriods datapoints.',
        { scope: this },
      );
    }
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: threshold.threshold,
      evaluationPeriods: periods,
      datapointsToAlarm: datapoints,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing happened (no logins, no errors), except from a canary: a silent one proves nothing.
      treatMissingData:
        name === 'canaryFailures' ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `closed-ftp ${description}`,
    });
    if (this.props.alarmTopic) {
      alarm.addAlarmAction(new actions.SnsAction(this.props.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(this.props.alarmTopic));
    }
    return alarm;
  }
}

/** The steps drawn on a canary's row, in probe order (FTPS's TLS and EPSV/PASV only show when they ran). */
const DRAWN_STEPS = Object.keys(CANARY_STEPS) as CanaryStep[];

/** A canary's row: success per step, latency (whole probe and per step), failures by top cause. */
function canaryWidgets(canary: FtpCanary): cloudwatch.IWidget[] {
  const title = `Canary ${canary.canaryName}`;
  const graph = (suffix: string, left: cloudwatch.IMetric[], props: Partial<cloudwatch.GraphWidgetProps> = {}) =>
    new cloudwatch.GraphWidget({ title: `${title}: ${suffix}`, left, width: 8, height: 6, ...props });
  // TopCause takes whatever cause ids the probe reports: a search finds each one that occurred.
  const byCause = new cloudwatch.MathExpression({
    expression:
      `SEARCH('{ClosedFtp,Canary,TopCause,service} MetricName="Failure" ` +
      `Canary="${searchString(canary.canaryName)}"', 'Sum', 300)`,
    usingMetrics: {},
    label: '',
    period: Duration.minutes(5),
  });
  return [
    graph(
      'success per step (1 passed, 0 failed)',
      [canary.metricSuccess({ label: 'run', statistic: cloudwatch.Stats.MINIMUM })].concat(
        DRAWN_STEPS.map((step) => canary.metricStepSuccess(step, { label: step })),
      ),
      { leftYAxis: { min: 0, max: 1 } },
    ),
    graph(
      'latency (ms, max)',
      [canary.metricDuration({ label: 'whole probe' })].concat(
        DRAWN_STEPS.map((step) => canary.metricStepLatency(step, { label: step })),
      ),
    ),
    graph('failures by top cause', [byCause], { stacked: true }),
  ];
}

// Search expressions quote terms with double quotes: a canary name holding one must escape it.
function searchString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

// The duration against the timeout when the timeout is known, else the plain duration.
function nearTimeout(server: ClosedFtpServer): cloudwatch.IMetric {
  return server.identityProviderTimeout
    ? server.metricIdentityProviderDurationOfTimeout({ label: '% of timeout (max)' })
    : server.metricIdentityProviderDuration({ label: 'duration max (ms)' });
}

const DESCRIPTIONS: Record<AlarmName, string> = {
  identityProviderErrors: 'the identity provider threw or timed out; those logins were denied.',
  identityProviderThrottles: 'Lambda throttled the identity provider; those logins were denied.',
  identityProviderNearTimeout: 'the identity provider runs close to its timeout; logins will start failing.',
  secretLookupFailures: "the identity provider could not read users' secrets (Secrets Manager unreachable or denied).",
  authFailures: 'many failed logins: a client with a stale password, or someone guessing.',
  serverErrors: 'the server logged errors (storage or permissions).',
  partialUploads: 'uploads were interrupted; partial objects may be in the bucket.',
  canaryFailures: 'canary runs failed (or it stopped reporting); its log says which step broke and why.',
  canaryLatency: 'the canary probe runs close to its deadline; runs will start failing.',
};

/** The deny reasons worth a line on the dashboard, as idp-core names them. */
const DENY_REASONS = ['wrong-password', 'unknown-user', 'source-ip-not-allowed', 'lookup-failed', 'invalid-secret'];

function alarmId(name: AlarmName): string {
  return `${name[0]!.toUpperCase()}${name.slice(1)}Alarm`;
}
