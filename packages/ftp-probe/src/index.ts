export type { Given as DiagnosisGiven, Seen as DiagnosisSeen } from './diagnosis/seen.js';
export { type ProbeCause, PROBE_CAUSES, type ProbeCauseId, probeCauseDocsUrl } from './diagnosis/probe-causes.js';
export {
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
export type { IdpTestOptions, ProbeEvent, ProbeOptions, StepTimeouts } from './options.js';
export { DEFAULT_STEP_TIMEOUTS } from './options.js';
export { probe } from './probe.js';
export type { ProbeFinding, ProbeReport, StepName, StepResult, StepStatus, Verdict } from './report.js';
export { STEPS } from './report.js';
export { type ProbeTarget, parseTarget } from './target.js';
export type { TranscriptLine } from './transcript.js';
export type { FtpReply } from './ftp/reply-parser.js';
