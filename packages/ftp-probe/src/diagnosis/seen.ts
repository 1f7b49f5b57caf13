import type { StepResult } from '../report.js';
import type { DataConnectAttempt } from '../steps/passive.js';

/** What the caller asked for: advice never tells them to pass an option they already passed. */
export interface Given {
  /** TestIdentityProvider ran (`idpTest` / `--server-id`). */
  idpTest: boolean;
}

/** What a cause is judged on: the step it is about, every step of the probe, and what was given. */
export interface Seen {
  step: StepResult;
  steps: readonly StepResult[];
  given: Given;
}

/** The `name` of the error the step failed with (`DeadlineError`, `MalformedReplyError`, ...). */
export function errorName(step: StepResult): string | undefined {
  return (step.evidence.error as { name?: string } | undefined)?.name;
}

/** The system error code the step failed with (`ECONNREFUSED`, `ENOTFOUND`, ...). */
export function errorCode(step: StepResult): string | undefined {
  return (step.evidence.error as { code?: string } | undefined)?.code;
}

/** The data connection attempts of a passive step, advertised address first. */
export function dataAttempts(step: StepResult): DataConnectAttempt[] {
  return (step.evidence.dataConnect as DataConnectAttempt[] | undefined) ?? [];
}

/** PASV named an address other than the control host (and not 0.0.0.0, which means "reuse the control host"). */
export function pasvNamesAnotherHost(step: StepResult): boolean {
  return (
    step.step === 'pasv' && step.evidence.differsFromControlHost === true && step.evidence.addressKind !== 'unspecified'
  );
}
