import { CanaryConfigError } from '../errors.js';
import type { ProbeTarget } from '../target.js';
import { checkTarget } from '../target.js';

/** The canary's settings, read from its environment. */
export interface CanaryConfig {
  target: ProbeTarget;
  /** Where the password comes from: a Secrets Manager secret (deployed) or the environment (local rehearsal). */
  password: { secretId: string } | { value: string };
  /** Upload, read back and delete a small file after the listing. */
  writeCheck: boolean;
  /** The probe's global deadline; the handler also keeps it inside the Lambda's remaining time. */
  timeoutMs: number;
  tls: { servername?: string; ca?: string };
  /** The `Canary` dimension of every metric. */
  name: string;
  metrics: { namespace: string; serviceName: string; disabled: boolean };
}

/** The environment variables the canary reads, for documentation and the construct that deploys it. */
export const CANARY_ENVIRONMENT = {
  FTP_HOST: 'required: the endpoint to probe (a vpce-... DNS name or an IP)',
  FTP_PORT: 'default 21',
  FTP_PROTOCOL: 'FTP (default) or FTPS (explicit, AUTH TLS)',
  FTP_USER: 'required: the user to log in as',
  FTP_PASSWORD_SECRET_ID:
    "the Secrets Manager secret (name or ARN) holding the user's password: the user's own secret (JSON with Password) or a plain string",
  FTP_PASSWORD: 'the password itself, for local rehearsal only; exactly one of this and FTP_PASSWORD_SECRET_ID',
  FTP_WRITE_CHECK: 'true to upload, read back and delete a small file after the listing (default false)',
  PROBE_TIMEOUT_SECONDS: "the probe's deadline, default 30; kept inside the Lambda's remaining time",
  FTP_TLS_SERVERNAME: 'FTPS: the name to check the certificate against (default FTP_HOST when it is a name)',
  FTP_TLS_CA: 'FTPS: extra trusted CA certificate(s), PEM',
  CANARY_NAME: 'the Canary dimension of every metric (default user@host:port)',
  POWERTOOLS_METRICS_NAMESPACE: 'default ClosedFtp',
  POWERTOOLS_SERVICE_NAME: 'the service dimension, default closed-ftp-canary',
  POWERTOOLS_METRICS_DISABLED: 'true to publish no metrics',
  POWERTOOLS_LOG_LEVEL: 'default INFO',
} as const;

const set = (env: NodeJS.ProcessEnv, name: string) => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** Reads and checks the canary's environment; throws `CanaryConfigError` naming the variable and the fix. */
export function readCanaryConfig(env: NodeJS.ProcessEnv = process.env): CanaryConfig {
  const host = set(env, 'FTP_HOST');
  if (!host)
    throw new CanaryConfigError('FTP_HOST is required: the endpoint to probe (vpce-... name or IP)', 'FTP_HOST');
  const user = set(env, 'FTP_USER');
  if (!user) throw new CanaryConfigError('FTP_USER is required: the user the canary logs in as', 'FTP_USER');
  const portText = set(env, 'FTP_PORT') ?? '21';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new CanaryConfigError('FTP_PORT must be a port number from 1 to 65535', 'FTP_PORT');
  }
  const protocol = (set(env, 'FTP_PROTOCOL') ?? 'FTP').toUpperCase();
  if (protocol !== 'FTP' && protocol !== 'FTPS') {
    throw new CanaryConfigError('FTP_PROTOCOL must be FTP or FTPS (explicit FTPS)', 'FTP_PROTOCOL');
  }
  const secretId = set(env, 'FTP_PASSWORD_SECRET_ID');
  // Not trimmed: a password may start or end with a space.
  const password = env.FTP_PASSWORD;
  if (secretId && password) {
    throw new CanaryConfigError(
      'set one of FTP_PASSWORD_SECRET_ID (deployed) and FTP_PASSWORD (local rehearsal), not both',
      'FTP_PASSWORD',
    );
  }
  if (!secretId && !password) {
    throw new CanaryConfigError(
      "FTP_PASSWORD_SECRET_ID is required: the Secrets Manager secret holding the user's password (or FTP_PASSWORD for a local rehearsal)",
      'FTP_PASSWORD_SECRET_ID',
    );
  }
  const write = (set(env, 'FTP_WRITE_CHECK') ?? 'false').toLowerCase();
  if (write !== 'true' && write !== 'false') {
    throw new CanaryConfigError('FTP_WRITE_CHECK must be true or false', 'FTP_WRITE_CHECK');
  }
  const secondsText = set(env, 'PROBE_TIMEOUT_SECONDS') ?? '30';
  const seconds = Number(secondsText);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 900) {
    throw new CanaryConfigError(
      'PROBE_TIMEOUT_SECONDS must be a number of seconds above 0, at most 900',
      'PROBE_TIMEOUT_SECONDS',
    );
  }
  let target: ProbeTarget;
  try {
    target = checkTarget({ host, port, user, secure: protocol === 'FTPS' });
  } catch (error) {
    throw new CanaryConfigError('FTP_USER contains a line break or NUL: FTP cannot send it', 'FTP_USER', {
      cause: error,
    });
  }
  const servername = set(env, 'FTP_TLS_SERVERNAME');
  const ca = set(env, 'FTP_TLS_CA');
  return {
    target,
    password: secretId ? { secretId } : { value: password! },
    writeCheck: write === 'true',
    timeoutMs: Math.round(seconds * 1000),
    tls: { ...(servername ? { servername } : {}), ...(ca ? { ca } : {}) },
    name: set(env, 'CANARY_NAME') ?? `${user}@${host}:${port}`,
    metrics: {
      namespace: set(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? 'ClosedFtp',
      serviceName: set(env, 'POWERTOOLS_SERVICE_NAME') ?? 'closed-ftp-canary',
      disabled: set(env, 'POWERTOOLS_METRICS_DISABLED')?.toLowerCase() === 'true',
    },
  };
}
