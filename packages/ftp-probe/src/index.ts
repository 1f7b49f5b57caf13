import { fileURLToPath } from 'node:url';

export { PROBE_CAUSES, type ProbeCause, type ProbeCauseId, probeCauseDocsUrl } from './diagnosis/probe-causes.js';
export type { Given as DiagnosisGiven, Seen as DiagnosisSeen } from './diagnosis/seen.js';
export {
  CanaryConfigError,
  CanarySecretError,
  CertificateRejectedError,
  ChecksumMismatchError,
  ConnectionClosedError,
  DeadlineError,
  IdentityProviderDeniedError,
  MalformedReplyError,
  ProbeError,
  ProbeOptionsError,
  TargetError,
  UnexpectedReplyError,
  UsageError,
} from './errors.js';
export type { FtpReply } from './ftp/reply-parser.js';
export type { IdpTestOptions, ProbeEvent, ProbeOptions, StepTimeouts, TransferClientLike } from './options.js';
export { DEFAULT_STEP_TIMEOUTS } from './options.js';
export { probe } from './probe.js';
export type { ProbeFinding, ProbeReport, StepName, StepResult, StepStatus, Verdict } from './report.js';
export { STEPS } from './report.js';
export { type ProbeTarget, parseTarget } from './target.js';
export type { TranscriptLine } from './transcript.js';

/**
 * Folder holding the canary's one-file ESM bundle `index.mjs`: `lambda.Code.fromAsset(canaryBundleDir)`, handler
 * `index.handler`, configured by the environment variables in `CANARY_ENVIRONMENT` (`@closed-ftp/ftp-probe/canary`).
 */
export const canaryBundleDir: string = fileURLToPath(new URL('./canary-bundle', import.meta.url));

/**
 * The CLI as one ESM file with every dependency inlined (the `ftp-probe` bin): copy it to a host without npm and run
 * `node ftp-probe.mjs ...`. A file to copy or run, never to import: it runs the CLI.
 */
export const cliBundleFile: string = fileURLToPath(new URL('./bundle/ftp-probe.mjs', import.meta.url));
