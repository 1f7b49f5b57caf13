import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge, wildcardResourceFinding } from './acknowledgements.js';
import { driftBundleDir } from './bundle-dirs.js';
import type { IClosedFtpServer } from './closed-ftp-server-base.js';
import { InvalidPropError } from './errors.js';

/**
 * The read-only calls `network-check live` makes (its `LIVE_IAM_ACTIONS`; a test keeps the two equal), and nothing
 * else: the drift check's whole permission.
 */
export const DRIFT_CHECK_ACTIONS = [
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcAttribute',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeVpcPeeringConnections',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeInstances',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeTransitGatewayAttachments',
  'ec2:DescribeTransitGatewayVpcAttachments',
  'ec2:DescribeTransitGatewayPeeringAttachments',
  'ec2:DescribeTransitGatewayRouteTables',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:SearchTransitGatewayRoutes',
  'ec2:DescribeVpnGateways',
  'ec2:DescribeVpnConnections',
  'ec2:DescribeCustomerGateways',
  'transfer:ListServers',
  'transfer:DescribeServer',
  'lambda:GetFunctionConfiguration',
  'lambda:GetPolicy',
] as const;

/** Where the drift check's handler publishes (its defaults, set explicitly). */
const NAMESPACE = 'ClosedFtp/NetworkDrift';
const SERVICE = 'closed-ftp-network-drift';

export interface NetworkDriftCheckProps {
  /** @default - every hour */
  readonly schedule?: scheduler.ScheduleExpression;
  /** Only these servers. @default - every Transfer server in the stack's account and Region */
  readonly servers?: IClosedFtpServer[];
  /** Client networks outside the account (on-premises), checked up to the AWS edge. @default - none */
  readonly clientCidrs?: string[];
  /** network-check's severity profile. @default 'closed' */
  readonly profile?: 'closed' | 'connected';
  /** Where the alarm goes, on alarm and on recovery. @default - no action */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * network-check's drift check on a schedule: a Lambda (outside any VPC: it calls the EC2, Transfer and Lambda APIs)
 * that runs `network-check live` read-only against its own account and Region, logs the findings, publishes their
 * counts by severity, and an alarm that fires when a run finds an error.
 */
export class NetworkDriftCheck extends Construct {
  readonly function: lambda.Function;
  readonly schedule: scheduler.Schedule;
  /** Fires when a run finds at least one error (sum of `ErrorFindings` over the schedule's hour). */
  readonly errorAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: NetworkDriftCheckProps = {}) {
    super(scope, id);
    for (const cidr of props.clientCidrs ?? []) {
      if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) {
        throw new InvalidPropError(
          'NetworkDriftCheckProps.clientCidrs',
          `${cidr}: write an IPv4 CIDR like 10.20.0.0/16.`,
          {
            scope: this,
          },
        );
      }
    }
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role: write its log group, make live mode's Describe calls. Nothing else, and nothing that writes.
    const role = new iam.Role(this, 'Role', {
      description: 'closed-ftp network drift check: read-only Describe calls of network-check live',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...DRIFT_CHECK_ACTIONS], resources: ['*'] }));
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      "EC2 Describe*, Transfer ListServers and the Lambda reads live mode makes to see the whole network; EC2's Describe calls support no resource-level permissions.",
    );

    this.function = new lambda.Function(this, 'Function', {
      description: 'closed-ftp: network drift check (network-check live, read-only)',
      code: lambda.Code.fromAsset(driftBundleDir),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.minutes(5),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        ...(props.servers?.length ? { DRIFT_SERVER_IDS: props.servers.map((s) => s.serverId).join(',') } : {}),
        ...(props.clientCidrs?.length ? { DRIFT_CLIENT_CIDRS: props.clientCidrs.join(',') } : {}),
        DRIFT_PROFILE: props.profile ?? 'closed',
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        POWERTOOLS_SERVICE_NAME: SERVICE,
      },
    });

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'closed-ftp network drift check: EventBridge Scheduler invokes the check',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'closed-ftp network drift check',
      schedule: props.schedule ?? scheduler.ScheduleExpression.rate(Duration.hours(1)),
      // No retries: the next run comes on schedule, and a failed run is the function's Errors.
      target: new targets.LambdaInvoke(this.function, { retryAttempts: 0, role: schedulerRole }),
    });
    acknowledge(
      schedulerRole,
      wildcardResourceFinding(this, `${this.function.functionArn}:*`),
      "Invokes the drift check function only; ':*' stands for its versions and aliases (added by aws-cdk-lib).",
    );

    this.errorAlarm = this.metricErrorFindings().createAlarm(this, 'ErrorAlarm', {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No run in the hour is not an error found; a failed run shows in the function's Errors.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'closed-ftp network drift: network-check found an error in the live network; the drift check log lists the findings and their fixes.',
    });
    if (props.alarmTopic) {
      this.errorAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      this.errorAlarm.addOkAction(new actions.SnsAction(props.alarmTopic));
    }
  }

  /** A metric of the drift check (namespace `ClosedFtp/NetworkDrift`, dimension `service`; maximum over 1 hour). */
  metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    const { dimensionsMap, ...options } = props;
    return new cloudwatch.Metric({
      namespace: NAMESPACE,
      metricName,
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
      ...options,
      dimensionsMap: { service: SERVICE, ...dimensionsMap },
    });
  }

  /** Error findings of a run (all rules, or one `ruleId`, e.g. `CFTP-NET-006`). */
  metricErrorFindings(ruleId?: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ErrorFindings', { ...props, dimensionsMap: ruleId ? { RuleId: ruleId } : {} });
  }

  metricWarningFindings(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('WarningFindings', props);
  }
}
