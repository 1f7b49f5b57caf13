import { ArnFormat, Duration, type IResource, Resource, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { InvalidPropError } from './errors.js';
import {
  DEFAULT_SECRET_NAME_TEMPLATE,
  requireSecretNameTemplate,
  SERVER_ID_PATTERN,
  secretNameFor,
} from './idp-facts.js';

/** Transfer's passive data ports (fixed by the service). */
export const PASSIVE_PORTS = ec2.Port.tcpRange(8192, 8200);
/** The FTP control port. */
export const CONTROL_PORT = ec2.Port.tcp(21);

/** A Transfer Family FTP/FTPS server in a VPC, made here (`ClosedFtpServer`) or imported (`fromServerId`). */
export interface IClosedFtpServer extends IResource, ec2.IConnectable {
  /** The server id, `s-` and 17 hex digits. @attribute */
  readonly serverId: string;
  /** The server ARN. @attribute */
  readonly serverArn: string;
  /** Where the IdP finds a user's secret (`{serverId}` and `{username}` filled in). */
  readonly secretNameTemplate: string;
  /** Admits FTP clients from `peer`: TCP 21 and the passive ports 8192-8200. */
  allowFrom(peer: ec2.IPeer | ec2.IConnectable, description?: string): void;
  /** Lets `grantee` perform `actions` (e.g. `transfer:DescribeServer`) on this server. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
  /** Lets `grantee` test logins through the Transfer API (`TestIdentityProvider`), as ftp-probe does. */
  grantTestIdentityProvider(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` read the server's description and state. */
  grantDescribe(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` stop and start the server (needed to change PassiveIp). */
  grantStartStop(grantee: iam.IGrantable): iam.Grant;
  /** Lets `grantee` read the users' secrets (their passwords): for the operator who hands them over. */
  grantReadUserSecrets(grantee: iam.IGrantable): iam.Grant;
  /** One of Transfer's own metrics of this server (namespace `AWS/Transfer`, dimension `ServerId`). */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Bytes uploaded to the server (sum over 5 minutes). */
  metricBytesIn(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Bytes downloaded from the server (sum over 5 minutes). */
  metricBytesOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Files uploaded to the server (sum over 5 minutes). */
  metricFilesIn(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Files downloaded from the server (sum over 5 minutes). */
  metricFilesOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** A server made elsewhere, for `ClosedFtpServer.fromServerAttributes`. */
export interface ClosedFtpServerAttributes {
  readonly serverId: string;
  /** The security groups of the server's endpoint: `allowFrom` adds its rules to them. @default - none */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /** Where the server's IdP finds user secrets (scopes `grantReadUserSecrets`). @default 'aws/transfer/{serverId}/{username}' */
  readonly secretNameTemplate?: string;
}

/** What every server has, made here or imported: connections, grants and Transfer's metrics. */
export abstract class ClosedFtpServerBase extends Resource implements IClosedFtpServer {
  abstract readonly serverId: string;
  abstract readonly serverArn: string;
  abstract readonly connections: ec2.Connections;
  abstract readonly secretNameTemplate: string;

  /** Admits FTP clients from `peer`: TCP 21 and the passive ports 8192-8200 (and egress on a peer's groups). */
  allowFrom(peer: ec2.IPeer | ec2.IConnectable, description?: string): void {
    for (const [port, what] of [
      [CONTROL_PORT, 'FTP control'],
      [PASSIVE_PORTS, 'FTP passive data'],
    ] as const) {
      this.connections.allowFrom(peer, port, description ? `${description} (${what})` : what);
    }
  }

  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.serverArn] });
  }

  grantTestIdentityProvider(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:TestIdentityProvider');
  }

  grantDescribe(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:DescribeServer');
  }

  grantStartStop(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'transfer:StartServer', 'transfer:StopServer');
  }

  grantReadUserSecrets(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resourceArns: [this.userSecretsArnPattern()],
    });
  }

  metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Transfer',
      metricName,
      dimensionsMap: { ServerId: this.serverId },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
    }).attachTo(this);
  }

  metricBytesIn(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('BytesIn', props);
  }

  metricBytesOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('BytesOut', props);
  }

  metricFilesIn(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('FilesIn', props);
  }

  metricFilesOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('FilesOut', props);
  }

  /** Every secret the IdP may read for this server: the template's part before `{username}`, then anything. */
  protected userSecretsArnPattern(): string {
    const beforeUserName = this.secretNameTemplate.split('{username}')[0] ?? '';
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${secretNameFor(beforeUserName, { serverId: this.serverId, username: '' })}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}

/** A server defined elsewhere (another stack, the console). */
export class ImportedClosedFtpServer extends ClosedFtpServerBase {
  readonly serverId: string;
  readonly serverArn: string;
  readonly connections: ec2.Connections;
  readonly secretNameTemplate: string;

  constructor(scope: Construct, id: string, attrs: ClosedFtpServerAttributes) {
    super(scope, id);
    if (!Token.isUnresolved(attrs.serverId) && !SERVER_ID_PATTERN.test(attrs.serverId)) {
      throw new InvalidPropError(
        'ClosedFtpServerAttributes.serverId',
        `'${attrs.serverId}' is not a Transfer server id: 's-' and 17 lowercase hex digits, e.g. 's-0123456789abcdef0'.`,
        { scope: this },
      );
    }
    this.secretNameTemplate = attrs.secretNameTemplate ?? DEFAULT_SECRET_NAME_TEMPLATE;
    requireSecretNameTemplate(this, 'ClosedFtpServerAttributes.secretNameTemplate', this.secretNameTemplate);
    this.serverId = attrs.serverId;
    this.serverArn = Stack.of(scope).formatArn({
      service: 'transfer',
      resource: 'server',
      resourceName: attrs.serverId,
    });
    this.connections = new ec2.Connections({ securityGroups: attrs.securityGroups ?? [], defaultPort: CONTROL_PORT });
  }
}
