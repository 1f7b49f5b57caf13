import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The structured-log activity types counted as metrics, and the metric each becomes. */
export const LOG_ACTIVITY_METRICS = {
  /** A login Transfer refused (the IdP denied it, or it failed). */
  AUTH_FAILURE: 'AuthFailures',
  /** An operation that failed on the server side (storage, permissions). */
  ERROR: 'Errors',
  /** An upload interrupted midway: Transfer may have written a partial object. */
  PARTIAL_CLOSE: 'PartialUploads',
} as const;

export type LogActivityType = keyof typeof LOG_ACTIVITY_METRICS;

/** Where the metric filters publish (dimension `ServerArn`, from each entry's `resource-arn`). */
export const LOG_METRICS_NAMESPACE = 'ClosedFtp/TransferLogs';

/** The filter pattern matching one activity type in Transfer's JSON structured logs. */
export function activityFilterPattern(activity: LogActivityType): logs.IFilterPattern {
  return logs.FilterPattern.stringValue('$.activity-type', '=', activity);
}

export interface ServerLogMetricsProps {
  /** The server's structured log group. */
  readonly logGroup: logs.ILogGroup;
  /** The server ARN, as the log entries name it in `resource-arn`. */
  readonly serverArn: string;
}

/**
 * Metric filters over a Transfer server's structured logs, one per activity type, made on first use: Transfer
 * publishes no metric of failed logins, server errors or partial uploads, but logs each one.
 */
export class ServerLogMetrics extends Construct {
  private readonly filters = new Map<LogActivityType, logs.MetricFilter>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ServerLogMetricsProps,
  ) {
    super(scope, id);
  }

  /** The count of log entries of `activity` (sum over 5 minutes), adding its metric filter if needed. */
  metric(activity: LogActivityType, options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    const metricName = LOG_ACTIVITY_METRICS[activity];
    if (!this.filters.has(activity)) {
      this.filters.set(
        activity,
        new logs.MetricFilter(this, metricName, {
          logGroup: this.props.logGroup,
          filterPattern: activityFilterPattern(activity),
          metricNamespace: LOG_METRICS_NAMESPACE,
          metricName,
          metricValue: '1',
          dimensions: { ServerArn: '$.resource-arn' },
          unit: cloudwatch.Unit.COUNT,
        }),
      );
    }
    return new cloudwatch.Metric({
      namespace: LOG_METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { ServerArn: this.props.serverArn },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...options,
    });
  }
}
