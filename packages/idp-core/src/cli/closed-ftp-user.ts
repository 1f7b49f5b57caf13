#!/usr/bin/env node
// closed-ftp-user: create, update and show AWS Transfer Family users stored as Secrets Manager secrets.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CliUsageError, SecretNameTemplateError, UserSecretError } from '../errors.js';
import { TRANSFER_PROTOCOLS, type TransferProtocol } from '../event.js';
import { checkSecretNameTemplate, DEFAULT_SECRET_NAME_TEMPLATE, secretNameFor } from '../secret-name.js';
import { SERVER_ID_PATTERN, USER_NAME_PATTERN } from '../transfer-names.js';
import { putUserSecret, showUserSecret, type UserChanges, type UserSummary } from './user-secret.js';

const USAGE = `Usage:
  closed-ftp-user put <username> --server-id <s-...> [options]   create or update a user
  closed-ftp-user show <username> --server-id <s-...>             print a user (no secret values)

put options:
  --role <arn>                 IAM role Transfer assumes for the session (required for a new user)
  --password-stdin             read the password from standard input
  --generate-password          generate a password and print it once
  --plain                      store it as plain "Password" (the official template's key) instead of a hash
  --algorithm scrypt|argon2id  hash algorithm (default scrypt)
  --home-directory </bucket/path>         PATH home directory
  --map </entry>=</bucket/path>           logical mapping (repeat; replaces --home-directory)
  --allowed-cidr <cidr>        allowed source CIDR, IPv4 or IPv6 (repeat)
  --allowed-protocol <FTP|FTPS|SFTP>      allowed protocol (repeat)
  --disable | --enable         turn logins off or on
common options:
  --secret-name-template <t>   default ${DEFAULT_SECRET_NAME_TEMPLATE}
  --region <region>            AWS region (default AWS_REGION or the profile's)
  --endpoint-url <url>  --json  -h, --help  --version

Exit codes: 0 done, 1 AWS or unexpected failure, 2 bad usage, invalid record or no region, 3 user not found.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'server-id': { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'generate-password': { type: 'boolean' },
      plain: { type: 'boolean' },
      algorithm: { type: 'string' },
      'home-directory': { type: 'string' },
      map: { type: 'string', multiple: true },
      'allowed-cidr': { type: 'string', multiple: true },
      'allowed-protocol': { type: 'string', multiple: true },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
      'secret-name-template': { type: 'string' },
      region: { type: 'string' },
      'endpoint-url': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, username, extra] = positionals;
  if ((command !== 'put' && command !== 'show') || username === undefined || extra !== undefined) {
    throw new CliUsageError('expected "put <username>" or "show <username>"');
  }
  if (!USER_NAME_PATTERN.test(username))
    throw new CliUsageError('username must be 3-100 characters of letters, digits, _ @ . -');
  const serverId = values['server-id'];
  if (serverId === undefined || !SERVER_ID_PATTERN.test(serverId)) {
    throw new CliUsageError('--server-id must be the Transfer server id, like s-0123456789abcdef0');
  }
  const template = values['secret-name-template'] ?? DEFAULT_SECRET_NAME_TEMPLATE;
  try {
    checkSecretNameTemplate(template);
  } catch (error) {
    if (!SecretNameTemplateError.isInstance(error)) throw error;
    throw new CliUsageError(`--secret-name-template: ${error.message}`, { cause: error });
  }
  const secretName = secretNameFor(template, { serverId, username });
  const client = new SecretsManagerClient({
    ...(values.region === undefined ? {} : { region: values.region }),
    ...(values['endpoint-url'] === undefined ? {} : { endpoint: values['endpoint-url'] }),
  });
  await requireRegion(client);
  const progress = (text: string) => process.stderr.write(`${text}\n`);

  if (command === 'show') {
    progress(`reading ${secretName} ...`);
    const summary = await showUserSecret(client, secretName);
    if (summary === undefined) {
      if (values.json) process.stdout.write(`${JSON.stringify({ found: false, secretName })}\n`);
      else process.stderr.write(`closed-ftp-user: no user ${username} on ${serverId} (no secret ${secretName})\n`);
      return 3;
    }
    process.stdout.write(values.json ? `${JSON.stringify({ found: true, ...summary })}\n` : render(summary));
    return 0;
  }

  const changes = await readChanges(values);
  const { created, summary } = await putUserSecret(client, secretName, changes.changes, { onProgress: progress });
  const generated = changes.generated ? changes.password : undefined;
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ created, ...summary, ...(generated ? { generatedPassword: generated } : {}) })}\n`,
    );
  } else {
    process.stdout.write(`${created ? 'Created' : 'Updated'} user ${username}.\n${render(summary)}`);
    // Shown once, on request: it is stored only as a hash and cannot be read back.
    if (generated) process.stdout.write(`Generated password (shown once, store it now): ${generated}\n`);
  }
  return 0;
}

/** The SDK's own "Region is missing" names no fix; ask before the first call, so no progress line precedes it. */
async function requireRegion(client: SecretsManagerClient): Promise<void> {
  try {
    await client.config.region();
  } catch (error) {
    throw new CliUsageError('no AWS region: set AWS_REGION or pass --region <region>', { cause: error });
  }
}

async function readChanges(values: Record<string, string | boolean | string[] | undefined>) {
  const changes: UserChanges = {};
  if (typeof values.role === 'string') changes.role = values.role;
  if (values['password-stdin'] && values['generate-password']) {
    throw new CliUsageError('use either --password-stdin or --generate-password');
  }
  let password: string | undefined;
  const generated = values['generate-password'] === true;
  if (generated) password = randomBytes(24).toString('base64url');
  if (values['password-stdin']) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (password === '') throw new CliUsageError('--password-stdin read an empty password');
  }
  if (password !== undefined) changes.password = password;
  if (values.plain) changes.plainPassword = true;
  if (values.algorithm !== undefined) {
    if (values.algorithm !== 'scrypt' && values.algorithm !== 'argon2id') {
      throw new CliUsageError('--algorithm must be scrypt or argon2id');
    }
    changes.algorithm = values.algorithm;
  }
  if (typeof values['home-directory'] === 'string') changes.homeDirectory = values['home-directory'];
  const maps = values.map as string[] | undefined;
  if (maps !== undefined) {
    if (changes.homeDirectory !== undefined) throw new CliUsageError('use either --home-directory or --map');
    changes.mappings = maps.map((mapping) => {
      // Split at the first '=': S3 keys may contain '=' themselves.
      const at = mapping.indexOf('=');
      const Entry = mapping.slice(0, at);
      const Target = mapping.slice(at + 1);
      if (at <= 0 || Target === '') throw new CliUsageError(`--map must look like /=/bucket/prefix; got "${mapping}"`);
      return { Entry, Target };
    });
  }
  if (values['allowed-cidr'] !== undefined) changes.allowedSourceCidrs = values['allowed-cidr'] as string[];
  const protocols = values['allowed-protocol'] as string[] | undefined;
  if (protocols !== undefined) {
    const upper = protocols.map((p) => p.toUpperCase());
    const bad = upper.find((p) => !(TRANSFER_PROTOCOLS as readonly string[]).includes(p));
    if (bad !== undefined) throw new CliUsageError(`--allowed-protocol must be FTP, FTPS or SFTP; got "${bad}"`);
    changes.allowedProtocols = upper as TransferProtocol[];
  }
  if (values.disable && values.enable) throw new CliUsageError('use either --disable or --enable');
  if (values.disable) changes.disabled = true;
  if (values.enable) changes.disabled = false;
  return { changes, password, generated };
}

function render(summary: UserSummary): string {
  const rows: [string, unknown][] = [
    ['secret', summary.secretName],
    ['arn', summary.arn],
    ['last changed', summary.lastChanged],
    ['role', summary.role],
    ['credential', summary.hashAlgorithm ? `${summary.credential} (${summary.hashAlgorithm})` : summary.credential],
    ['public keys', summary.publicKeys],
    ['home directory', summary.homeDirectory],
    ['logical mappings', summary.homeDirectoryDetails],
    ['session policy', summary.policy],
    ['allowed source CIDRs', summary.allowedSourceCidrs],
    ['allowed protocols', summary.allowedProtocols],
    ['posix profile', summary.posixProfile],
    ['disabled', summary.disabled],
  ];
  const lines = rows
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `  ${`${name}:`.padEnd(22)}${typeof value === 'string' ? value : JSON.stringify(value)}`);
  for (const problem of summary.problems) lines.push(`  problem:              ${problem}`);
  return `${lines.join('\n')}\n`;
}

// The SDK's notice that its 2027 releases need Node 22 is the README's Node policy, not part of every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage =
      error instanceof CliUsageError ||
      error instanceof UserSecretError ||
      ((error as Error).name === 'TypeError' && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    // The region error already names its fix: one line.
    const hint = usage && !(error as Error).message.startsWith('no AWS region');
    process.stderr.write(
      `closed-ftp-user: ${(error as Error).message}\n${hint ? 'Run closed-ftp-user --help for usage.\n' : ''}`,
    );
    process.exitCode = usage ? 2 : 1;
  },
);
