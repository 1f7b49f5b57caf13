import { ProbeOptionsError } from './errors.js';
import type { StepName, StepResult } from './report.js';

/**
 * A Transfer Family server id: `s-` and 17 hex digits. A structural copy of idp-core's `SERVER_ID_PATTERN` (the probe
 * does not depend on idp-core at runtime); a test fails when the two differ.
 */
export const SERVER_ID_PATTERN = /^s-[0-9a-f]{17}$/;

/** Per-step deadlines in milliseconds; each is capped by what is left of the global deadline. */
export interface StepTimeouts {
  /** DNS lookup. @default 5000 */
  dns: number;
  /** TCP connect to the control port. @default 5000 */
  connect: number;
  /** Any control-channel reply other than the ones below. @default 5000 */
  reply: number;
  /** Reply to PASS: includes the identity provider's time. @default 10000 */
  login: number;
  /** Each passive data connection attempt. @default 5000 */
  dataConnect: number;
  /** A listing or one leg of the write test, from the command to 226. @default 10000 */
  transfer: number;
  /** The TestIdentityProvider call. @default 10000 */
  idp: number;
}

export const DEFAULT_STEP_TIMEOUTS: StepTimeouts = {
  dns: 5000,
  connect: 5000,
  reply: 5000,
  login: 10_000,
  dataConnect: 5000,
  transfer: 10_000,
  idp: 10_000,
};

/** Calls TestIdentityProvider for the probed user (needs AWS credentials that allow transfer:TestIdentityProvider). */
/**
 * A client that sends Transfer's TestIdentityProvider; an `@aws-sdk/client-transfer` `TransferClient` fits. Typed
 * here, not as the SDK's class: the build inlines the SDK, so it is no dependency of this package.
 */
export interface TransferClientLike {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<object>;
  destroy(): void;
}

export interface IdpTestOptions {
  /** The Transfer Family server id, `s-` followed by 17 hex digits. */
  serverId: string;
  /** @default the SDK's region resolution (AWS_REGION, profile) */
  region?: string;
  /** The IPv4 address the IdP sees as sourceIp. @default the probe's local address on the control connection */
  sourceIp?: string;
  /** A Transfer endpoint URL, e.g. a VPC interface endpoint. @default the regional endpoint */
  endpoint?: string;
  /** A ready client (tests, custom credentials). */
  client?: TransferClientLike;
}

export type ProbeEvent = { phase: 'start'; step: StepName; title: string } | { phase: 'end'; result: StepResult };

export interface ProbeOptions {
  /** The user's password. Never printed: every transcript line and the report are scrubbed of it. */
  password: string;
  /** Global deadline in milliseconds; the probe never runs past it. @default 30000 */
  timeoutMs?: number;
  /** Per-step deadlines. */
  stepTimeouts?: Partial<StepTimeouts>;
  /** Upload, read back, compare and delete a small unique file. @default false */
  write?: boolean;
  /** FTPS certificate checking. */
  tls?: {
    /** Extra trusted CA certificate(s), PEM. */
    ca?: string | Buffer | Array<string | Buffer>;
    /** Accept any certificate (reported loudly as a finding). @default false */
    insecure?: boolean;
    /** Name to check the certificate against. @default the target host (when it is a name) */
    servername?: string;
  };
  /** Run TestIdentityProvider for the user as the last step. */
  idpTest?: IdpTestOptions;
  /** Progress callback: called when each step starts and ends. */
  onStep?: (event: ProbeEvent) => void;
}

export function resolveStepTimeouts(options: ProbeOptions): { timeoutMs: number; steps: StepTimeouts } {
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ProbeOptionsError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`, 'timeoutMs');
  }
  const steps = { ...DEFAULT_STEP_TIMEOUTS, ...options.stepTimeouts };
  for (const [name, value] of Object.entries(steps)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new ProbeOptionsError(
        `stepTimeouts.${name} must be a positive number of milliseconds, got ${value}`,
        `stepTimeouts.${name}`,
      );
    }
  }
  if (typeof options.password !== 'string') {
    throw new ProbeOptionsError('password is required (a string; empty passwords are sent as-is)', 'password');
  }
  // A line break would end PASS early and send the rest as a command in clear text.
  if (/[\r\n\0]/.test(options.password)) {
    throw new ProbeOptionsError('password contains a line break or NUL: FTP cannot send it', 'password');
  }
  if (options.idpTest && !SERVER_ID_PATTERN.test(options.idpTest.serverId)) {
    throw new ProbeOptionsError(
      `idpTest.serverId "${options.idpTest.serverId}" is not a Transfer server id: it looks like s-1234567890abcdef0`,
      'idpTest.serverId',
    );
  }
  return { timeoutMs, steps };
}
