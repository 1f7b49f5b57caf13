import { isIP } from 'node:net';
import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge, wildcardResourceFinding } from './acknowledgements.js';
import { InvalidPropError } from './errors.js';
import type { FtpProtocol } from './protocols.js';

/** One folder the user sees: `entry` in the FTP session is `target` (a key prefix) in the server's bucket. */
export interface LogicalDirectory {
  /** The path the FTP user sees, e.g. `/` or `/inbox`. */
  readonly entry: string;
  /** The key prefix in the bucket, without leading or trailing slash, e.g. `partners/acme/inbox`. */
  readonly target: string;
}

/** Who sets a user's password. */
export enum PasswordSource {
  /** Secrets Manager generates 32 letters and digits at deploy time, stored under `Password` in the user's secret. */
  GENERATED = 'GENERATED',
  /**
   * No secret is created: the operator writes it under `secretName`, with a hashed password, using
   * `closed-ftp-user put` from `@closed-ftp/idp-core` (see the docs). The role is still created and scoped.
   */
  OPERATOR = 'OPERATOR',
}

export interface FtpUserOptions {
  /**
   * Who sets the password.
   * @default PasswordSource.GENERATED
   */
  readonly password?: PasswordSource;
  /**
   * The key prefix in the server's bucket that the user sees as `/` (chrooted: nothing above it is visible).
   * Give this or `logicalDirectories`.
   * @default - the user name
   */
  readonly homeDirectory?: string;
  /** Several folders mapped into the user's view; the user is chrooted to them. Replaces `homeDirectory`. */
  readonly logicalDirectories?: LogicalDirectory[];
  /**
   * The role Transfer assumes for this user's session.
   * @default - a role that can list, read, write and delete only under the user's prefixes, and never create or
   *   delete a bucket
   */
  readonly role?: iam.IRole;
  /**
   * Source networks the user may log in from (checked by the IdP against the client's IP).
   * @default - any source that can reach the endpoint
   */
  readonly sourceCidrs?: string[];
  /**
   * Protocols the user may log in with (checked by the IdP).
   * @default - every protocol of the server
   */
  readonly protocols?: FtpProtocol[];
}

export interface FtpUserProps extends FtpUserOptions {
  /** The FTP user name. */
  readonly userName: string;
  /** The bucket the user's directories are in. */
  readonly bucket: s3.IBucket;
  /** The secret's name (the IdP's name template, filled in). */
  readonly secretName: string;
  /** Account that owns the server: the default role trusts Transfer only on behalf of it. */
  readonly account: string;
}

const USER_NAME = /^[\w][\w@.-]{2,99}$/;
const PREFIX = /^[^/](.*[^/])?$/;

/**
 * An FTP user of a `ClosedFtpServer`: a Secrets Manager secret in the format `@closed-ftp/idp-core` reads, with a
 * password Secrets Manager generates at deploy time (it never appears in the template) or one the operator sets,
 * and the role Transfer assumes for the user's sessions. Create it with `server.addUser(name, options)`.
 */
export class FtpUser extends Construct {
  /** The FTP user name. */
  readonly userName: string;
  /** The name of the user's secret, where the IdP looks the user up. */
  readonly secretName: string;
  /** The user's secret, its `Password` key holding the generated password (undefined for `PasswordSource.OPERATOR`). */
  readonly secret?: secretsmanager.Secret;
  /** The role Transfer assumes for the user's sessions. */
  readonly role: iam.IRole;

  constructor(scope: Construct, id: string, props: FtpUserProps) {
    super(scope, id);
    if (!USER_NAME.test(props.userName)) {
      throw new InvalidPropError(
        'addUser(name)',
        `'${props.userName}' is not a valid Transfer user name: use 3 to 100 letters, digits, '_', '@', '.' or '-', not starting with '@', '.' or '-'.`,
      );
    }
    if (props.homeDirectory !== undefined && props.logicalDirectories !== undefined) {
      throw new InvalidPropError('FtpUserOptions.homeDirectory', 'give homeDirectory or logicalDirectories, not both.');
    }
    const directories = props.logicalDirectories ?? [{ entry: '/', target: props.homeDirectory ?? props.userName }];
    validateDirectories(directories);
    for (const cidr of props.sourceCidrs ?? []) {
      if (!Token.isUnresolved(cidr) && !isCidr(cidr)) {
        throw new InvalidPropError(
          'FtpUserOptions.sourceCidrs',
          `'${cidr}' is not an IPv4 or IPv6 CIDR block, e.g. '10.1.0.0/16' or '2001:db8::/32'.`,
        );
      }
    }
    this.userName = props.userName;
    this.role = props.role ?? this.createScopedRole(props, directories);
    this.secretName = props.secretName;
    if (props.password === PasswordSource.OPERATOR) return;

    const stack = Stack.of(this);
    const bucketName = props.bucket.bucketName;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: props.secretName,
      description: `closed-ftp: FTP user ${props.userName} (password in key Password, generated by Secrets Manager)`,
      generateSecretString: {
        secretStringTemplate: stack.toJsonString({
          Role: this.role.roleArn,
          HomeDirectoryType: 'LOGICAL',
          // A JSON string, as Transfer wants it: the secret then also works with AWS's official IdP template.
          HomeDirectoryDetails: stack.toJsonString(
            directories.map((d) => ({ Entry: d.entry, Target: `/${bucketName}/${d.target}` })),
          ),
          ...(props.sourceCidrs ? { AllowedSourceCidrs: props.sourceCidrs } : {}),
          ...(props.protocols ? { AllowedProtocols: props.protocols } : {}),
        }),
        generateStringKey: 'Password',
        passwordLength: 32,
        // Punctuation breaks some FTP clients' URL and netrc parsing; 32 alphanumerics are ~190 bits.
        excludePunctuation: true,
      },
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'A person types this FTP password; automatic rotation would lock them out. Rotate by hand-over (see docs).',
    );
  }

  private createScopedRole(props: FtpUserProps, directories: LogicalDirectory[]): iam.Role {
    const role = new iam.Role(this, 'Role', {
      description: `closed-ftp: session role of FTP user ${props.userName}`,
      assumedBy: new iam.ServicePrincipal('transfer.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
      }),
    });
    const prefixes = directories.map((d) => d.target);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListOwnPrefixes',
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.flatMap((p) => [p, `${p}/*`]) } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'LocateBucket',
        actions: ['s3:GetBucketLocation'],
        resources: [props.bucket.bucketArn],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteOwnObjects',
        // No *ObjectVersion actions: deleting a file must not destroy the bucket's older versions.
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: prefixes.map((p) => props.bucket.arnForObjects(`${p}/*`)),
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'NeverCreateOrDeleteBuckets',
        effect: iam.Effect.DENY,
        actions: ['s3:CreateBucket', 's3:DeleteBucket'],
        resources: ['*'],
      }),
    );
    if (props.bucket.encryptionKey) props.bucket.encryptionKey.grantEncryptDecrypt(role);
    for (const prefix of prefixes) {
      acknowledge(
        role,
        wildcardResourceFinding(this, props.bucket.arnForObjects(`${prefix}/*`)),
        "Object actions are limited to the user's own key prefix; the wildcard stands for the files under it.",
      );
    }
    return role;
  }
}

function isCidr(cidr: string): boolean {
  const [address = '', prefix, extra] = cidr.split('/');
  const family = isIP(address);
  const max = family === 6 ? 128 : 32;
  // A bare address is a one-address block, as @closed-ftp/idp-core reads it.
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
  return family !== 0 && extra === undefined && prefixOk;
}

function validateDirectories(directories: LogicalDirectory[]): void {
  if (directories.length === 0) {
    throw new InvalidPropError('FtpUserOptions.logicalDirectories', 'give at least one directory.');
  }
  for (const { entry, target } of directories) {
    if (!entry.startsWith('/') || (entry.length > 1 && entry.endsWith('/'))) {
      throw new InvalidPropError(
        'FtpUserOptions.logicalDirectories[].entry',
        `'${entry}' must start with '/' and not end with '/', e.g. '/' or '/inbox'.`,
      );
    }
    if (!PREFIX.test(target) || target.includes('//') || target.includes('*')) {
      throw new InvalidPropError(
        'FtpUserOptions.homeDirectory',
        `'${target}' must be a key prefix without leading or trailing '/' and without '*', e.g. 'partners/acme'.`,
      );
    }
  }
}
