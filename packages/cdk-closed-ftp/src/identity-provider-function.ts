import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge, LAMBDA_VPC_ACCESS } from './acknowledgements.js';
import { idpBundleDir } from './bundle-dirs.js';
import { InvalidPropError } from './errors.js';
import { requireSecretNameTemplate } from './idp-facts.js';

export interface IdentityProviderFunctionProps {
  /** Secret name template with `{serverId}` and `{username}`, as the IdP reads it. */
  readonly secretNameTemplate: string;
  /**
   * How long an IdP instance caches a user's secret.
   * @default Duration.seconds(60)
   */
  readonly cacheTtl?: Duration;
  /**
   * Lambda runtime (Node.js 24 or newer: the bundle is built for it).
   * @default lambda.Runtime.NODEJS_24_X
   */
  readonly runtime?: lambda.Runtime;
  /**
   * Function timeout: Secrets Manager must answer within it, or the login fails.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB. Lambda gives CPU in proportion to memory, and verifying a password hash (scrypt, argon2id) is
   * CPU-bound: 1024 MB verifies about four times faster than 256 MB for about the same cost per hashed login.
   * @default 1024
   */
  readonly memorySize?: number;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Place the function in this VPC (it then needs a Secrets Manager endpoint there). @default - outside any VPC */
  readonly vpc?: ec2.IVpc;
  /** @default - the VPC's isolated subnets */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** @default - a new security group without egress rules */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * The custom identity provider of `@closed-ftp/idp-lambda`, deployed from its prebuilt one-file bundle (no Docker,
 * no bundling at synth time), with structured logs kept in a log group with retention.
 */
export class IdentityProviderFunction extends lambda.Function {
  /** The Powertools service name the handler logs and publishes its login metrics under (dimension `service`). */
  static readonly SERVICE_NAME = 'closed-ftp-idp';

  constructor(scope: Construct, id: string, props: IdentityProviderFunctionProps) {
    // Checked before super(): the function does not exist yet, so errors name the path it would have.
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    requireSecretNameTemplate(path, 'IdentityProviderFunctionProps.secretNameTemplate', props.secretNameTemplate);
    const runtime = props.runtime ?? lambda.Runtime.NODEJS_24_X;
    const major = Number(/^nodejs(\d+)\.x$/.exec(runtime.name)?.[1] ?? 0);
    if (major < 24) {
      throw new InvalidPropError(
        'IdentityProviderFunctionProps.runtime',
        `${runtime.name} cannot run the bundle; use lambda.Runtime.NODEJS_24_X or newer.`,
        { scope: path },
      );
    }
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // Not Lambda's default role: its managed AWSLambdaBasicExecutionRole may write to every log group.
    const role = new iam.Role(scope, `${id}ServiceRole`, {
      description: 'closed-ftp: identity provider function (writes its own log group only)',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      // In a VPC, Lambda manages network interfaces with it (aws-cdk-lib adds it only to roles it creates).
      managedPolicies: props.vpc
        ? [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')]
        : [],
    });
    logGroup.grantWrite(role);
    if (props.vpc)
      acknowledge(role, LAMBDA_VPC_ACCESS, 'Manages its network interfaces in the VPC; the Lambda default.');
    super(scope, id, {
      description: 'closed-ftp: AWS Transfer Family custom identity provider (Secrets Manager users)',
      code: lambda.Code.fromAsset(idpBundleDir),
      handler: 'index.handler',
      runtime,
      role,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 1024,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        SECRET_NAME_TEMPLATE: props.secretNameTemplate,
        CACHE_TTL_SECONDS: String((props.cacheTtl ?? Duration.seconds(60)).toSeconds()),
        POWERTOOLS_SERVICE_NAME: IdentityProviderFunction.SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      ...(props.vpc
        ? {
            vpc: props.vpc,
            vpcSubnets: props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
            ...(props.securityGroups ? { securityGroups: props.securityGroups } : { allowAllOutbound: false }),
          }
        : {}),
    });
  }
}
