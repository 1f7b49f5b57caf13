import { Annotations, ArnFormat, Duration, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge, LAMBDA_VPC_ACCESS, wildcardResourceFinding } from './acknowledgements.js';
import { canaryBundleDir } from './bundle-dirs.js';
import type { ClosedFtpServer } from './closed-ftp-server.js';
import { CONTROL_PORT, PASSIVE_PORTS } from './closed-ftp-server-base.js';
import { InvalidPropError } from './errors.js';
import type { FtpUser } from './ftp-user.js';
import type { FtpProtocol } from './protocols.js';

/** The probe steps the canary publishes metrics for, by the metric name prefix the handler uses. */
export const CANARY_STEPS = {
  dns: 'Dns',
  connect: 'Connect',
  banner: 'Banner',
  tls: 'Tls',
  login: 'Login',
  session: 'Session',
  epsv: 'Epsv',
  pasv: 'Pasv',
  dataConnection: 'DataConnection',
  list: 'List',
  writeCheck: 'WriteCheck',
} as const;

export type CanaryStep = keyof typeof CANARY_STEPS;

export interface FtpCanaryProps {
  /** The server to probe, at its endpoint's DNS name. */
  readonly server: ClosedFtpServer;
  /** The user the canary logs in as; it may read only this user's secret. */
  readonly user: FtpUser;
  /** Where the canary runs: the clients' VPC, so it takes their path. */
  readonly vpc: ec2.IVpc;
  /** @default - the VPC's isolated subnets (its private subnets if it has none) */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** @default - every 5 minutes */
  readonly schedule?: scheduler.ScheduleExpression;
  /** @default - the server's first protocol */
  readonly protocol?: FtpProtocol;
  /** Also upload, read back and delete a small file after the listing. @default false */
  readonly writeCheck?: boolean;
  /** The probe's deadline (the function gets 15 s more). @default Duration.seconds(30) */
  readonly probeTimeout?: Duration;
  /**
   * A Secrets Manager interface endpoint the canary reaches its user's secret through. Isolated subnets have no
   * other way out: give the VPC's existing one, or let the canary add one (`addSecretsManagerEndpoint`).
   * @default - none
   */
  readonly secretsManagerEndpoint?: ec2.IInterfaceVpcEndpoint;
  /**
   * Add a Secrets Manager interface endpoint (private DNS) to the VPC. Only one endpoint with private DNS per
   * service fits in a VPC: pass `secretsManagerEndpoint` instead if the VPC has one.
   * @default false
   */
  readonly addSecretsManagerEndpoint?: boolean;
  /** The `Canary` dimension of its metrics. @default - the construct path */
  readonly canaryName?: string;
  /** Where `alarmOnFailure()` and `alarmOnLatency()` alarms go. @default - no action */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * The tag on the canary's function, valued with its name: network-check (its CDK plugin) finds canaries by it and
 * checks each one's path like a client's.
 */
export const FTP_CANARY_TAG = 'closed-ftp:canary';

/** The namespace and service name the canary handler publishes under (its defaults, set explicitly). */
const NAMESPACE = 'ClosedFtp';
const SERVICE = 'closed-ftp-canary';

/**
 * An FTP canary in the clients' network: `@closed-ftp/ftp-probe`'s canary handler as a VPC-attached Lambda, run by
 * EventBridge Scheduler, logging in as one user through the same security groups, routes and endpoint the clients
 * use, and publishing per-step success and latency and failures by top cause.
 */
export class FtpCanary extends Construct {
  readonly function: lambda.Function;
  readonly securityGroup: ec2.SecurityGroup;
  readonly schedule: scheduler.Schedule;
  /** The endpoint the canary reads its secret through (added or given). */
  readonly secretsManagerEndpoint: ec2.IInterfaceVpcEndpoint;
  /** The `Canary` dimension of its metrics. */
  readonly canaryName: string;
  /** The probe's deadline (`FtpCanaryProps.probeTimeout`). */
  readonly probeTimeout: Duration;
  private readonly alarmTopic?: sns.ITopic;

  constructor(scope: Construct, id: string, props: FtpCanaryProps) {
    super(scope, id);
    const { server, user, vpc } = props;
    const protocol = props.protocol ?? server.protocols[0]!;
    if (!server.protocols.includes(protocol)) {
      throw new InvalidPropError('FtpCanaryProps.protocol', `${protocol} is not offered by the server.`, {
        scope: this,
      });
    }
    const probeTimeout = props.probeTimeout ?? Duration.seconds(30);
    this.probeTimeout = probeTimeout;
    if (probeTimeout.toSeconds() < 5 || probeTimeout.toSeconds() > 600) {
      throw new InvalidPropError('FtpCanaryProps.probeTimeout', 'give 5 seconds to 10 minutes.', { scope: this });
    }
    this.canaryName = props.canaryName ?? this.node.path;
    this.alarmTopic = props.alarmTopic;
    const subnets = vpc.selectSubnets(
      props.vpcSubnets ?? {
        subnetType:
          vpc.isolatedSubnets.length > 0 ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS,
      },
    );

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'closed-ftp canary: FTP 21 and 8192-8200 to the endpoint, HTTPS to Secrets Manager only',
      allowAllOutbound: false,
    });
    // Exactly what a client needs: the control port and the passive range, to the endpoint's subnets.
    const endpointNetwork = ec2.Peer.ipv4(server.vpc.vpcCidrBlock);
    this.securityGroup.addEgressRule(endpointNetwork, CONTROL_PORT, 'FTP control to the endpoint');
    this.securityGroup.addEgressRule(endpointNetwork, PASSIVE_PORTS, 'FTP passive data to the endpoint');
    for (const [index, subnet] of subnets.subnets.entries()) {
      server.allowFrom(ec2.Peer.ipv4(subnet.ipv4CidrBlock), `canary ${this.canaryName} subnet ${index + 1}`);
    }

    this.secretsManagerEndpoint = this.secretsEndpoint(props, subnets);
    this.secretsManagerEndpoint.connections.allowFrom(
      this.securityGroup,
      ec2.Port.tcp(443),
      'canary to Secrets Manager',
    );

    const secret = this.userSecret(user);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role: write its log group, manage its network interfaces, read one secret. Nothing else.
    const role = new iam.Role(this, 'Role', {
      description: `closed-ftp canary ${this.canaryName}: reads the secret of ${user.userName} only`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
    });
    acknowledge(role, LAMBDA_VPC_ACCESS, 'Manages its network interfaces in the VPC; the Lambda default.');
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.arn] }),
    );

    this.function = new lambda.Function(this, 'Function', {
      description: `closed-ftp: FTP canary, ${user.userName} at the ${server.node.path} endpoint`,
      code: lambda.Code.fromAsset(canaryBundleDir),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: probeTimeout.plus(Duration.seconds(15)),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      vpc,
      vpcSubnets: { subnets: subnets.subnets },
      securityGroups: [this.securityGroup],
      environment: {
        FTP_HOST: server.endpointDnsName,
        FTP_PROTOCOL: protocol,
        FTP_USER: user.userName,
        FTP_PASSWORD_SECRET_ID: secret.id,
        FTP_WRITE_CHECK: String(props.writeCheck === true),
        PROBE_TIMEOUT_SECONDS: String(probeTimeout.toSeconds()),
        CANARY_NAME: this.canaryName,
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        POWERTOOLS_SERVICE_NAME: SERVICE,
      },
    });

    Tags.of(this.function).add(FTP_CANARY_TAG, tagValue(this.canaryName));

    // Its own scheduler role (aws-cdk-lib's shared one would carry every schedule's grants).
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: `closed-ftp canary ${this.canaryName}: EventBridge Scheduler invokes the canary function`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `closed-ftp canary ${this.canaryName}`,
      schedule: props.schedule ?? scheduler.ScheduleExpression.rate(Duration.minutes(5)),
      // No retries: a failed run is the finding, and the next run comes on schedule.
      target: new targets.LambdaInvoke(this.function, { retryAttempts: 0, role: schedulerRole }),
    });
    acknowledge(
      schedulerRole,
      wildcardResourceFinding(this, `${this.function.functionArn}:*`),
      "Invokes the canary function only; ':*' stands for its versions and aliases (added by aws-cdk-lib).",
    );
  }

  /** A metric of the canary's runs (namespace `ClosedFtp`, dimensions `service` and `Canary`; sum over 5 minutes). */
  metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    const { dimensionsMap, ...options } = props;
    return new cloudwatch.Metric({
      namespace: NAMESPACE,
      metricName,
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...options,
      dimensionsMap: { service: SERVICE, Canary: this.canaryName, ...dimensionsMap },
    });
  }

  /** Runs that failed (1 each). */
  metricFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Failure', props);
  }

  /** Runs that passed (1 each; 0 for a failed one). */
  metricSuccess(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Success', props);
  }

  /** How long a whole probe took, in milliseconds (maximum by default). */
  metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Duration', { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  /** The whole probe's duration (maximum) as a percentage of its deadline: near 100, runs start failing. */
  metricDurationOfTimeout(props: cloudwatch.MathExpressionOptions = {}): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: `100 * duration / ${this.probeTimeout.toMilliseconds()}`,
      usingMetrics: { duration: this.metricDuration({ period: props.period }) },
      label: `canary ${this.canaryName}: probe duration, % of its ${this.probeTimeout.toSeconds()} s deadline`,
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** Whether one step passed (1) or failed (0), per run: minimum by default, so one failure shows. */
  metricStepSuccess(step: CanaryStep, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(`${CANARY_STEPS[step]}Success`, { statistic: cloudwatch.Stats.MINIMUM, ...props });
  }

  /** How long one step took when it passed, in milliseconds (maximum by default). */
  metricStepLatency(step: CanaryStep, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric(`${CANARY_STEPS[step]}Latency`, { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  /** Failed runs whose most likely cause was `causeId` (an ftp-probe cause id, e.g. `CFTP-PROBE-004`). */
  metricFailuresByCause(causeId: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('Failure', { ...props, dimensionsMap: { TopCause: causeId, ...props.dimensionsMap } });
  }

  /**
   * Alarms when at least `failures` of the last `runs` 5-minute periods had a failed run. Missing data (the canary
   * did not run) counts as failing: a silent canary proves nothing.
   */
  alarmOnFailure(options: { failures?: number; runs?: number } = {}): cloudwatch.Alarm {
    const failures = options.failures ?? 2;
    const runs = options.runs ?? 3;
    if (!Number.isInteger(failures) || !Number.isInteger(runs) || failures < 1 || failures > runs) {
      throw new InvalidPropError('alarmOnFailure', 'give whole numbers with 1 <= failures <= runs.', { scope: this });
    }
    return this.withActions(
      this.metricFailure().createAlarm(this, 'FailureAlarm', {
        threshold: 1,
        evaluationPeriods: runs,
        datapointsToAlarm: failures,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        alarmDescription: `closed-ftp canary ${this.canaryName}: ${failures} of ${runs} runs failed; the log says which step and why.`,
      }),
    );
  }

  /** Alarms when a whole probe takes at least `threshold` in `runs` consecutive periods. */
  alarmOnLatency(options: { threshold: Duration; runs?: number }): cloudwatch.Alarm {
    const runs = options.runs ?? 3;
    return this.withActions(
      this.metricDuration().createAlarm(this, 'LatencyAlarm', {
        threshold: options.threshold.toMilliseconds(),
        evaluationPeriods: runs,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `closed-ftp canary ${this.canaryName}: probes took ${options.threshold.toHumanString()} or more.`,
      }),
    );
  }

  private withActions(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    if (this.alarmTopic) {
      alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(this.alarmTopic));
    }
    return alarm;
  }

  /** The secret to read (its id for the handler) and the ARN the role may read it at. */
  private userSecret(user: FtpUser): { id: string; arn: string } {
    if (user.secret) return { id: user.secret.secretArn, arn: user.secret.secretArn };
    Annotations.of(this).addWarningV2(
      '@closed-ftp/cdk-closed-ftp:canaryOperatorSecret',
      `the canary logs in with the Password key of ${user.secretName}, which the operator writes (PasswordSource.OPERATOR): ` +
        'a secret with only a PasswordHash fails every run as canary-secret. Store Password in it, or give the canary a user with a generated password.',
    );
    // Not made here: its ARN ends in a suffix Secrets Manager picks, so the role matches any six characters.
    const arn = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${user.secretName}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return { id: user.secretName, arn };
  }

  private secretsEndpoint(props: FtpCanaryProps, subnets: ec2.SelectedSubnets): ec2.IInterfaceVpcEndpoint {
    if (props.secretsManagerEndpoint && props.addSecretsManagerEndpoint) {
      throw new InvalidPropError(
        'FtpCanaryProps.addSecretsManagerEndpoint',
        'give secretsManagerEndpoint or addSecretsManagerEndpoint, not both.',
        { scope: this },
      );
    }
    if (props.secretsManagerEndpoint) return props.secretsManagerEndpoint;
    if (!props.addSecretsManagerEndpoint) {
      throw new InvalidPropError(
        'FtpCanaryProps.secretsManagerEndpoint',
        "the canary's subnets need a Secrets Manager interface endpoint to read the user's secret: pass the VPC's " +
          'endpoint as secretsManagerEndpoint, or set addSecretsManagerEndpoint: true.',
        { scope: this },
      );
    }
    return new ec2.InterfaceVpcEndpoint(this, 'SecretsManagerEndpoint', {
      vpc: props.vpc,
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      subnets: { subnets: subnets.subnets },
      privateDnsEnabled: true,
      open: false,
    });
  }
}

// Lambda tag values allow letters, digits, spaces and `_.:/=+-@`, up to 256 characters.
function tagValue(name: string): string {
  return Token.isUnresolved(name) ? name : name.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_').slice(0, 256);
}
