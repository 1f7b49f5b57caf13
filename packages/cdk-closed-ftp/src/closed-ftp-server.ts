import { Annotations, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import type { Construct, IConstruct } from 'constructs';
import { acknowledge, wildcardResourceFinding } from './acknowledgements.js';
import { type ClientNetwork, ClientNetworks } from './client-networks.js';
import {
  type ClosedFtpServerAttributes,
  ClosedFtpServerBase,
  CONTROL_PORT,
  type IClosedFtpServer,
  ImportedClosedFtpServer,
} from './closed-ftp-server-base.js';
import { EndpointAddresses } from './endpoint-addresses.js';
import { InvalidPropError } from './errors.js';
import { FtpUser, type FtpUserOptions } from './ftp-user.js';
import { IdentityProviderFunction } from './identity-provider-function.js';
import { DEFAULT_SECRET_NAME_TEMPLATE, requireSecretNameTemplate, secretNameFor } from './idp-facts.js';
import { type FtpProtocol, StorageDomain, TlsSessionResumptionMode } from './protocols.js';
import { type LogActivityType, ServerLogMetrics } from './server-log-metrics.js';
import { StorageBucket } from './storage-bucket.js';

/** The secret name template of AWS's official Secrets Manager IdP, which `@closed-ftp/idp-lambda` reads too. */
export { DEFAULT_SECRET_NAME_TEMPLATE };
export interface ClosedFtpServerProps {
  /** The VPC the endpoint is placed in (a `ClosedVpc`, or any VPC). */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets the endpoint gets a network interface (and an IP) in. Every one must be routable from the clients:
   * with PassiveIp AUTO the PASV reply may name any of them.
   * @default - the VPC's isolated subnets (its private subnets if it has none)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * The protocols offered. FTPS needs `certificate`.
   * @default - ['FTPS'] with a certificate, else ['FTP']
   */
  readonly protocols?: FtpProtocol[];
  /** ACM certificate for FTPS. @default - none (FTPS unavailable) */
  readonly certificate?: acm.ICertificate;
  /**
   * The address in PASV replies: `AUTO` (one of the endpoint's IPs), `0.0.0.0` (the client reuses the control
   * connection's address) or a fixed IPv4 address (a NAT or load balancer in front).
   * @default 'AUTO'
   */
  readonly passiveIp?: string;
  /**
   * FTPS TLS session resumption on data connections.
   * @default TlsSessionResumptionMode.ENFORCED
   */
  readonly tlsSessionResumptionMode?: TlsSessionResumptionMode;
  /** @default StorageDomain.S3 */
  readonly domain?: StorageDomain;
  /** The bucket users' directories are in. @default - a new `StorageBucket` (S3 domain only) */
  readonly bucket?: s3.IBucket;
  /** Networks or security groups admitted on TCP 21 and 8192-8200; add more with `allowFrom`. @default - none */
  readonly allowFrom?: Array<ec2.IPeer | ec2.IConnectable>;
  /**
   * Client networks behind a Transit Gateway or a VPN gateway (spoke VPCs, on-premises through a VPN or Direct Connect
   * attachment, or a VPN gateway of this VPC): each of their CIDR blocks is admitted on 21 and 8192-8200 (nothing
   * wider) under the network's name, and the endpoint subnets route back to it where this app defines their route
   * tables (a route to the Transit Gateway, or the VPN gateway's route propagation). Add more with `addClientNetwork`.
   * @default - none
   */
  readonly clientNetworks?: ClientNetwork[];
  /**
   * The identity provider function. Transfer may invoke it only on behalf of this server.
   * @default - `IdentityProviderFunction`, the bundled `@closed-ftp/idp-lambda` handler
   */
  readonly identityProvider?: lambda.IFunction;
  /**
   * Place the default identity provider function in the server's VPC (with a Secrets Manager endpoint).
   * @default false - outside any VPC, where it needs no endpoint
   */
  readonly identityProviderInVpc?: boolean;
  /**
   * Memory (MB) of the default identity provider function; CPU, and so password-hash verification speed, grows
   * with it (see `IdentityProviderFunctionProps.memorySize`).
   * @default 1024
   */
  readonly identityProviderMemorySize?: number;
  /**
   * Add an STS interface endpoint with private DNS, as the source article recommends for closed VPCs. Costs one
   * interface endpoint per subnet per hour; turn it off if the VPC already has one.
   * @default true
   */
  readonly stsEndpoint?: boolean;
  /**
   * Where the IdP finds a user's secret: `{serverId}` and `{username}` are filled in.
   * @default 'aws/transfer/{serverId}/{username}'
   */
  readonly secretNameTemplate?: string;
  /** How long server and IdP logs are kept. @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to the bucket and log groups on stack deletion. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default 'TransferSecurityPolicy-2024-01' */
  readonly securityPolicyName?: string;
  /**
   * Read the endpoint's DNS name and IPs at deploy time (a custom resource making read-only Describe calls).
   * @default true
   */
  readonly readEndpointAddresses?: boolean;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Where the `@closed-ftp/idp-lambda` handler publishes its login metrics (its `POWERTOOLS_METRICS_NAMESPACE` default). */
const IDP_METRICS_NAMESPACE = 'ClosedFtp';

/**
 * An AWS Transfer Family FTP/FTPS server that works in a closed VPC: VPC endpoint with internal access only, its own
 * security group admitting 21 and 8192-8200 only from the clients you allow, the bundled Secrets Manager identity
 * provider with an invoke permission scoped to this server, users as secrets, an STS endpoint, structured logs.
 *
 * @example
 * const vpc = new ClosedVpc(stack, 'Vpc');
 * const server = new ClosedFtpServer(stack, 'Ftp', { vpc, allowFrom: [ec2.Peer.ipv4('10.1.0.0/16')] });
 * server.addUser('user1');
 */
export class ClosedFtpServer extends ClosedFtpServerBase {
  /** Imports a server defined elsewhere by its id (no security groups: `allowFrom` then adds nothing). */
  static fromServerId(scope: Construct, id: string, serverId: string): IClosedFtpServer {
    return new ImportedClosedFtpServer(scope, id, { serverId });
  }

  /** Imports a server defined elsewhere, with the security groups of its endpoint and its IdP's secret names. */
  static fromServerAttributes(scope: Construct, id: string, attrs: ClosedFtpServerAttributes): IClosedFtpServer {
    return new ImportedClosedFtpServer(scope, id, attrs);
  }

  readonly serverId: string;
  readonly serverArn: string;
  readonly connections: ec2.Connections;
  /** The VPC the endpoint is in. */
  readonly vpc: ec2.IVpc;
  /** The endpoint's own security group (never the VPC's default one). */
  readonly securityGroup: ec2.SecurityGroup;
  /** The protocols the server offers. */
  readonly protocols: FtpProtocol[];
  /** The bucket users' directories are in (undefined for EFS). */
  readonly bucket?: s3.IBucket;
  /** The identity provider function. */
  readonly identityProvider: lambda.IFunction;
  /** The log group of the server's structured logs. */
  readonly logGroup: logs.LogGroup;
  /** The STS interface endpoint, unless turned off. */
  readonly stsEndpoint?: ec2.InterfaceVpcEndpoint;
  /** The Secrets Manager interface endpoint, when the IdP runs in the VPC. */
  readonly secretsManagerEndpoint?: ec2.InterfaceVpcEndpoint;
  /** The secret name template the IdP reads. */
  readonly secretNameTemplate: string;
  /** The underlying CloudFormation server. */
  readonly cfnServer: transfer.CfnServer;

  private readonly addresses?: EndpointAddresses;
  private readonly users = new Map<string, FtpUser>();
  private logMetrics?: ServerLogMetrics;
  private networks?: ClientNetworks;
  private readonly endpointSubnets: ec2.ISubnet[];

  constructor(scope: Construct, id: string, props: ClosedFtpServerProps) {
    super(scope, id);
    const protocols = props.protocols ?? (props.certificate ? ['FTPS'] : ['FTP']);
    const passiveIp = props.passiveIp ?? 'AUTO';
    const domain = props.domain ?? StorageDomain.S3;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    this.secretNameTemplate = props.secretNameTemplate ?? DEFAULT_SECRET_NAME_TEMPLATE;
    validateProps(this, props, protocols, passiveIp, this.secretNameTemplate);
    this.protocols = protocols;
    this.vpc = props.vpc;

    const isolated = props.vpc.isolatedSubnets.length > 0;
    const subnets = props.vpc.selectSubnets(
      props.vpcSubnets ?? {
        subnetType: isolated ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS,
      },
    );
    if (subnets.subnetIds.length === 0) {
      throw new InvalidPropError('ClosedFtpServerProps.vpcSubnets', 'selects no subnet; pass subnets of the VPC.', {
        scope: this,
      });
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'closed-ftp: Transfer FTP endpoint (TCP 21 and 8192-8200 from allowed clients only)',
      allowAllOutbound: false,
    });
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup], defaultPort: CONTROL_PORT });
    for (const peer of props.allowFrom ?? []) this.allowFrom(peer);
    this.endpointSubnets = subnets.subnets;
    for (const network of props.clientNetworks ?? []) this.addNetwork(network, 'ClosedFtpServerProps.clientNetworks');

    if (domain === StorageDomain.S3) this.bucket = props.bucket ?? new StorageBucket(this, 'Bucket', { removalPolicy });

    if (props.identityProvider) {
      this.identityProvider = props.identityProvider;
    } else {
      const inVpc = props.identityProviderInVpc === true;
      const idp = new IdentityProviderFunction(this, 'IdentityProvider', {
        secretNameTemplate: this.secretNameTemplate,
        logRetention,
        logRemovalPolicy: removalPolicy,
        ...(props.identityProviderMemorySize === undefined ? {} : { memorySize: props.identityProviderMemorySize }),
        ...(inVpc ? { vpc: props.vpc, vpcSubnets: { subnets: subnets.subnets } } : {}),
      });
      if (inVpc) {
        this.secretsManagerEndpoint = new ec2.InterfaceVpcEndpoint(this, 'SecretsManagerEndpoint', {
          vpc: props.vpc,
          service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
          subnets: { subnets: subnets.subnets },
          privateDnsEnabled: true,
          open: false,
        });
        this.secretsManagerEndpoint.connections.allowFrom(idp, ec2.Port.tcp(443), 'IdP function to Secrets Manager');
      }
      this.identityProvider = idp;
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logRetention, removalPolicy });

    this.cfnServer = new transfer.CfnServer(this, 'Resource', {
      endpointType: 'VPC',
      // No AddressAllocationIds: the endpoint stays internal, as FTP requires.
      endpointDetails: {
        vpcId: props.vpc.vpcId,
        subnetIds: subnets.subnetIds,
        securityGroupIds: [this.securityGroup.securityGroupId],
      },
      protocols,
      certificate: props.certificate?.certificateArn,
      domain,
      identityProviderType: 'AWS_LAMBDA',
      identityProviderDetails: { function: this.identityProvider.functionArn },
      protocolDetails: {
        passiveIp,
        ...(protocols.includes('FTPS')
          ? { tlsSessionResumptionMode: props.tlsSessionResumptionMode ?? TlsSessionResumptionMode.ENFORCED }
          : {}),
      },
      securityPolicyName: props.securityPolicyName ?? 'TransferSecurityPolicy-2024-01',
      structuredLogDestinations: [this.logGroup.logGroupArn],
    });
    this.serverId = this.cfnServer.attrServerId;
    this.serverArn = this.cfnServer.attrArn;

    // Server -> function (IdentityProviderDetails), permission -> server (SourceArn): a chain, not a cycle, because
    // the permission is its own resource rather than part of the function.
    new lambda.CfnPermission(this, 'IdentityProviderInvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: this.identityProvider.functionArn,
      principal: 'transfer.amazonaws.com',
      sourceArn: this.serverArn,
      sourceAccount: Stack.of(this).account,
    });
    this.grantIdentityProviderSecretsRead();

    if (props.stsEndpoint !== false) this.stsEndpoint = this.addStsEndpoint(props.vpc, subnets.subnets);
    if (props.readEndpointAddresses !== false) {
      this.addresses = new EndpointAddresses(this, 'EndpointAddresses', {
        serverId: this.serverId,
        serverArn: this.serverArn,
        subnetCount: subnets.subnetIds.length,
      });
    }
  }

  /** The id of the VPC endpoint Transfer created (`vpce-...`), read at deploy time. */
  get vpcEndpointId(): string {
    return this.requireAddresses('vpcEndpointId').vpcEndpointId;
  }

  /** The endpoint's regional DNS name: what clients in peered networks connect to. */
  get endpointDnsName(): string {
    return this.requireAddresses('endpointDnsName').dnsName;
  }

  /** The endpoint's private IPs, one per subnet. */
  get endpointIps(): string[] {
    return this.requireAddresses('endpointIps').privateIps;
  }

  /**
   * Adds an FTP user: a secret in the IdP's format under the server's name template, with a password Secrets
   * Manager generates at deploy time (unless `password: PasswordSource.OPERATOR`), and (unless given) a role
   * limited to the user's prefixes.
   */
  addUser(userName: string, options: FtpUserOptions = {}): FtpUser {
    if (!this.bucket) {
      throw new InvalidPropError(
        'addUser',
        'users are created for the S3 domain only; for EFS write the secret yourself (HomeDirectory, PosixProfile, Role).',
        { scope: this },
      );
    }
    if (this.users.has(userName)) {
      throw new InvalidPropError(
        'addUser(name)',
        `user '${userName}' already exists on this server; pick another name.`,
        { scope: this },
      );
    }
    const unknown = options.protocols?.filter((p) => !this.protocols.includes(p)) ?? [];
    if (unknown.length > 0) {
      throw new InvalidPropError(
        'FtpUserOptions.protocols',
        `${unknown.join(', ')} not offered by this server (it offers ${this.protocols.join(', ')}).`,
        { scope: this },
      );
    }
    const user = new FtpUser(this, `User-${userName}`, {
      ...options,
      userName,
      bucket: this.bucket,
      secretName: this.secretNameFor(userName),
      account: Stack.of(this).account,
    });
    this.users.set(userName, user);
    return user;
  }

  /** The name of a user's secret, as the IdP looks it up. */
  secretNameFor(userName: string): string {
    return secretNameFor(this.secretNameTemplate, { serverId: this.serverId, username: userName });
  }

  /** The IdP function's errors (invocations that threw or timed out: each one a denied login). */
  metricIdentityProviderErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.identityProvider.metricErrors(props);
  }

  /** The IdP function's throttled invocations (each one a denied login). */
  metricIdentityProviderThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.identityProvider.metricThrottles(props);
  }

  /** The IdP function's duration (maximum over 5 minutes by default). */
  metricIdentityProviderDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.identityProvider.metricDuration({ statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  /** The client networks behind a Transit Gateway or VPN gateway, from the props and `addClientNetwork`. */
  get clientNetworks(): ClientNetwork[] {
    return this.networks?.all ?? [];
  }

  /**
   * Admits a client network behind a Transit Gateway or a VPN gateway on 21 and 8192-8200 under its name, and routes
   * every endpoint subnet back to it (a static route to the Transit Gateway for each of its CIDR blocks, or the VPN
   * gateway's route propagation) where this app defines the subnets' route tables.
   */
  addClientNetwork(network: ClientNetwork): void {
    this.addNetwork(network, 'addClientNetwork');
  }

  private addNetwork(network: ClientNetwork, prop: string): void {
    this.networks ??= new ClientNetworks(this, 'ClientNetworks', {
      vpc: this.vpc,
      subnets: this.endpointSubnets,
      admit: (peer, description) => this.allowFrom(peer, description),
    });
    this.networks.add(network, prop);
  }

  /** The names of the users added with `addUser`. */
  get userNames(): string[] {
    return [...this.users.keys()];
  }

  /** The IdP function's timeout, when known (the bundled IdP, or a `lambda.Function` given as `identityProvider`). */
  get identityProviderTimeout(): Duration | undefined {
    return (this.identityProvider as Partial<lambda.Function>).timeout;
  }

  /** Logins Transfer refused: AUTH_FAILURE entries of the server's structured logs (a metric filter, made on first use). */
  metricAuthFailures(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.logMetric('AUTH_FAILURE', props);
  }

  /** Operations that failed on the server side: ERROR entries of the server's structured logs. */
  metricServerErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.logMetric('ERROR', props);
  }

  /** Interrupted uploads, which may leave partial objects: PARTIAL_CLOSE entries of the server's structured logs. */
  metricPartialUploads(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.logMetric('PARTIAL_CLOSE', props);
  }

  private logMetric(activity: LogActivityType, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    this.logMetrics ??= new ServerLogMetrics(this, 'LogMetrics', {
      logGroup: this.logGroup,
      serverArn: this.serverArn,
    });
    return this.logMetrics.metric(activity, props);
  }

  /**
   * The IdP's longest duration as a percentage of its timeout: near 100 logins start failing on time. Known for the
   * bundled IdP, or a custom `identityProvider` that is a `lambda.Function` with a timeout.
   */
  metricIdentityProviderDurationOfTimeout(props: cloudwatch.MathExpressionOptions = {}): cloudwatch.MathExpression {
    const timeout = this.identityProviderTimeout;
    if (!timeout) {
      throw new InvalidPropError(
        'ClosedFtpServerProps.identityProvider',
        'has no known timeout; pass a lambda.Function with `timeout`, or compare metricIdentityProviderDuration() with it yourself.',
        { scope: this },
      );
    }
    return new cloudwatch.MathExpression({
      expression: `100 * duration / ${timeout.toMilliseconds()}`,
      usingMetrics: { duration: this.metricIdentityProviderDuration({ period: props.period }) },
      label: `IdP duration, % of its ${timeout.toSeconds()} s timeout`,
      period: Duration.minutes(5),
      ...props,
    });
  }

  /**
   * Logins the IdP allowed, as the `@closed-ftp/idp-lambda` handler publishes them (namespace `ClosedFtp`, metric
   * `LoginAllowed`, dimension `service`; summed over 5 minutes). Counts every IdP of the account with the same
   * service name.
   */
  metricLoginsAllowed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.loginMetric('LoginAllowed', undefined, props);
  }

  /**
   * Logins the IdP denied (`LoginDenied`), all of them or for one reason (dimension `Reason`: `wrong-password`,
   * `unknown-user`, `source-ip-not-allowed`, `lookup-failed`, `invalid-secret`, ... as idp-core names them).
   */
  metricLoginsDenied(options: { reason?: string } & cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    const { reason, ...props } = options;
    return this.loginMetric('LoginDenied', reason, props);
  }

  /** How long the IdP took to decide a login (`LoginLatency`, milliseconds; p99 over 5 minutes by default). */
  metricLoginLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.loginMetric('LoginLatency', undefined, { statistic: 'p99', ...props });
  }

  private loginMetric(metricName: string, reason?: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: IDP_METRICS_NAMESPACE,
      metricName,
      dimensionsMap: {
        service: IdentityProviderFunction.SERVICE_NAME,
        ...(reason === undefined ? {} : { Reason: reason }),
      },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
    });
  }

  // A policy of its own, not the function role's default policy: the function must not depend on the server,
  // which already depends on the function.
  private grantIdentityProviderSecretsRead(): void {
    const role = this.identityProvider.role;
    if (!role) {
      Annotations.of(this).addWarningV2(
        '@closed-ftp/cdk-closed-ftp:idpWithoutRole',
        'The identity provider function has no known role: let it read the user secrets yourself.',
      );
      return;
    }
    const policy = new iam.Policy(this, 'IdentityProviderSecretsRead', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [this.userSecretsArnPattern()],
        }),
      ],
    });
    acknowledge(
      policy,
      wildcardResourceFinding(this, this.userSecretsArnPattern()),
      "Reads only the secrets under this server's prefix: one per user, added over time.",
    );
  }

  private addStsEndpoint(vpc: ec2.IVpc, subnets: ec2.ISubnet[]): ec2.InterfaceVpcEndpoint {
    const endpoint = new ec2.InterfaceVpcEndpoint(this, 'StsEndpoint', {
      vpc,
      service: ec2.InterfaceVpcEndpointAwsService.STS,
      subnets: { subnets },
      privateDnsEnabled: true,
    });
    // Whoever calls (a user session, the service itself), it may assume roles of this account only.
    endpoint.addToPolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sts:AssumeRole'],
        resources: [Stack.of(this).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: '*' })],
      }),
    );
    acknowledge(
      endpoint,
      'AwsSolutions-EC23',
      "Admits HTTPS from the VPC's own CIDR block only (a token nag cannot read).",
    );
    return endpoint;
  }

  private requireAddresses(what: string): EndpointAddresses {
    if (!this.addresses) {
      throw new InvalidPropError(
        'ClosedFtpServerProps.readEndpointAddresses',
        `is false, so ${what} is unknown; turn it on.`,
        { scope: this },
      );
    }
    return this.addresses;
  }
}

function validateProps(
  scope: IConstruct,
  props: ClosedFtpServerProps,
  protocols: FtpProtocol[],
  passiveIp: string,
  template: string,
): void {
  if (protocols.length === 0 || protocols.some((p) => p !== 'FTP' && p !== 'FTPS')) {
    throw new InvalidPropError('ClosedFtpServerProps.protocols', "give one or both of 'FTP' and 'FTPS'.", {
      scope,
    });
  }
  if (protocols.includes('FTPS') && !props.certificate) {
    throw new InvalidPropError(
      'ClosedFtpServerProps.certificate',
      'FTPS needs an ACM certificate: pass `certificate`.',
      { scope },
    );
  }
  if (!Token.isUnresolved(passiveIp) && passiveIp !== 'AUTO' && !IPV4.test(passiveIp)) {
    throw new InvalidPropError(
      'ClosedFtpServerProps.passiveIp',
      `'${passiveIp}' is not 'AUTO', '0.0.0.0' or an IPv4 address.`,
      { scope },
    );
  }
  // Exactly what the IdP will accept at run time (a template it rejects would fail every login, or crash cdk-nag).
  requireSecretNameTemplate(scope, 'ClosedFtpServerProps.secretNameTemplate', template);
  // The IdP may read every secret under the part before {username}: it must be a real prefix.
  if (template.startsWith('{username}')) {
    throw new InvalidPropError(
      'ClosedFtpServerProps.secretNameTemplate',
      "must contain '{username}' after a fixed prefix, e.g. 'ftp/{serverId}/{username}'.",
      { scope },
    );
  }
  if (props.tlsSessionResumptionMode && !protocols.includes('FTPS')) {
    throw new InvalidPropError(
      'ClosedFtpServerProps.tlsSessionResumptionMode',
      'applies to FTPS only; add FTPS or drop it.',
      { scope },
    );
  }
  const memory = props.identityProviderMemorySize;
  if (
    memory !== undefined &&
    (props.identityProvider || !Number.isInteger(memory) || memory < 128 || memory > 10_240)
  ) {
    throw new InvalidPropError(
      'ClosedFtpServerProps.identityProviderMemorySize',
      props.identityProvider
        ? 'sizes the bundled IdP only; set the memory of your own `identityProvider` function instead.'
        : `${memory} is not a Lambda memory size: use a whole number of MB from 128 to 10240.`,
      { scope },
    );
  }
  if (props.bucket && props.domain === StorageDomain.EFS) {
    throw new InvalidPropError(
      'ClosedFtpServerProps.bucket',
      'is for the S3 domain; drop it or use StorageDomain.S3.',
      { scope },
    );
  }
}
