import type { Finding, RuleId } from '@closed-ftp/rule-catalog';
import type { ProbeCauseId } from './diagnosis/probe-causes.js';
import type { TranscriptLine } from './transcript.js';

/** The probe's steps, in the order a client meets them. */
export const STEPS = {
  dns: 'DNS resolution',
  tcp: 'TCP connect to the control port',
  banner: 'Banner (220)',
  tls: 'FTPS: AUTH TLS, certificate, PBSZ 0, PROT P',
  login: 'Login (USER/PASS)',
  session: 'FEAT, PWD, TYPE I',
  epsv: 'EPSV and its data connection',
  pasv: 'PASV and its data connection',
  list: 'Directory listing (LIST or MLSD)',
  write: 'Write test (STOR, RETR, checksum, DELE)',
  idp: 'Identity provider test (TestIdentityProvider)',
} as const;

export type StepName = keyof typeof STEPS;
export type StepStatus = 'ok' | 'failed' | 'timed-out' | 'skipped';

export interface StepResult {
  step: StepName;
  title: string;
  status: StepStatus;
  /** Wall time of the step in milliseconds. */
  durationMs: number;
  /** One line: what happened. */
  summary: string;
  /** Commands sent and replies received during the step (password redacted). */
  transcript: TranscriptLine[];
  /** Socket addresses (`ip:port`) of the connection the step used, when it used one. */
  local?: string;
  remote?: string;
  /** Facts observed in the step (reply codes, addresses, timings, certificate...). */
  evidence: Record<string, unknown>;
}

/** healthy: every step passed; degraded: listing works but a step failed (e.g. PASV only); failed: it does not. */
export type Verdict = 'healthy' | 'degraded' | 'failed';

/** A likely cause of the failure, in the Finding shape network-check uses; ranked most likely first. */
export interface ProbeFinding extends Omit<Finding, 'id'> {
  id: RuleId | ProbeCauseId;
  rank: number;
}

export interface ProbeReport {
  target: { url: string; protocol: 'ftp' | 'ftps'; host: string; port: number; user: string };
  startedAt: string;
  durationMs: number;
  timeoutMs: number;
  verdict: Verdict;
  /** The first step that failed or timed out: where the path breaks. */
  firstFailure?: { step: StepName; status: 'failed' | 'timed-out'; summary: string };
  steps: StepResult[];
  causes: ProbeFinding[];
}
