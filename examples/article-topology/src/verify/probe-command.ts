import { USER_NAME_PATTERN } from '@closed-ftp/idp-lambda/facts';
import { VerifyInputError } from '../errors.js';

export interface ProbeCommandOptions {
  /** The FTP endpoint's DNS name or IP, as the client reaches it. */
  readonly host: string;
  /** @default 21 */
  readonly port?: number;
  /** The FTP user. */
  readonly userName: string;
  /** ARN or name of the user's secret; the instance reads the password from it, so it never travels in the command. */
  readonly secretId: string;
  /** The Region of the secret. */
  readonly region: string;
  /** Where the ftp-probe bundle is on the instance. */
  readonly probePath: string;
  /** The probe's own deadline in seconds. @default 60 */
  readonly timeoutSeconds?: number;
  /** Also upload, read back and delete a test file. @default false */
  readonly write?: boolean;
  /** The AWS CLI command. @default 'aws' */
  readonly awsCli?: string;
}

const HOST = /^[A-Za-z0-9.-]{1,253}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * The shell lines the client instance runs (SSM `AWS-RunShellScript`): read the user's password from Secrets
 * Manager on the instance, pipe it to ftp-probe's `--password-stdin`, print the probe's JSON report. The password
 * is in no argument, no command parameter and no output. Exit status: the probe's (0 healthy, 1 failure).
 */
export function probeCommand(options: ProbeCommandOptions): string[] {
  const port = options.port ?? 21;
  if (!HOST.test(options.host))
    throw new VerifyInputError('host', `'${options.host}' is not a DNS name or IPv4 address`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new VerifyInputError('port', `${port} is not a port`);
  if (!USER_NAME_PATTERN.test(options.userName))
    throw new VerifyInputError('userName', `'${options.userName}' is not a user name`);
  if (!REGION.test(options.region)) throw new VerifyInputError('region', `'${options.region}' is not a Region`);
  const timeout = options.timeoutSeconds ?? 60;
  // JSON.parse's error would quote the secret into the command output: swallow it.
  const readPassword =
    'let s="";process.stdin.on("data",(d)=>{s+=d}).on("end",()=>{let p;try{p=JSON.parse(s).Password}catch{}' +
    'if(typeof p!=="string"||!p){console.error("the secret has no Password key");process.exit(3)}' +
    'process.stdout.write(p+"\\n")})';
  return [
    'set -o pipefail',
    'NODE="$(command -v node || ls /usr/bin/node-2* 2>/dev/null | sort -V | tail -n 1)"',
    [
      `${options.awsCli ?? 'aws'} secretsmanager get-secret-value`,
      `--region ${quote(options.region)} --secret-id ${quote(options.secretId)}`,
      '--query SecretString --output text',
      `| "$NODE" -e ${quote(readPassword)}`,
      `| "$NODE" ${quote(options.probePath)} ${quote(`ftp://${options.userName}@${options.host}:${port}`)}`,
      `--password-stdin --json --timeout ${timeout}${options.write ? ' --write' : ''}`,
    ].join(' '),
  ];
}

/** Single-quotes a word for POSIX shells. */
export function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
