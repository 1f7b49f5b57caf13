export { PROBE_CAUSES, type ProbeCauseId, probeCauseDocsUrl } from './diagnosis/probe-causes.js';
export { ProbeOptionsError, TargetError } from './errors.js';
export type { IdpTestOptions, ProbeEvent, ProbeOptions, StepTimeouts } from './options.js';
export { DEFAULT_STEP_TIMEOUTS } from './options.js';
export { probe } from './probe.js';
export type { ProbeFinding, ProbeReport, StepName, StepResult, StepStatus, Verdict } from './report.js';
export { STEPS } from './report.js';
export { type ProbeTarget, parseTarget } from './target.js';
export type { TranscriptLine } from './transcript.js';
