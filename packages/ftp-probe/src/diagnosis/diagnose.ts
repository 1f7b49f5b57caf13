import { RULES, ruleDocsUrl } from '@closed-ftp/rule-catalog';
import type { ProbeFinding, ProbeReport, StepResult } from '../report.js';
import { NETWORK_CAUSE_MESSAGES, type NetworkCauseId } from './network-causes.js';
import { PROBE_CAUSES, type ProbeCauseId } from './probe-causes.js';
import type { Given, Seen } from './seen.js';
import { type CauseId, FAILURE_SYMPTOMS, type Symptom, WARNING_SYMPTOMS } from './symptoms.js';

const failed = (step: StepResult) => step.status === 'failed' || step.status === 'timed-out';

/**
 * The likely causes of the first failure, ranked, then warnings about steps that passed. Each cause is listed once:
 * TestIdentityProvider's own denial first (observed, not inferred), then the first failure's causes in the order
 * of its symptom, then the rest.
 */
export function diagnose(report: Pick<ProbeReport, 'steps' | 'firstFailure'>, given: Given): ProbeFinding[] {
  const { steps } = report;
  const symptomOf = (step: StepResult | undefined) => step && FAILURE_SYMPTOMS.find((s) => s.matches(step, steps));
  const first = steps.find((s) => s.step === report.firstFailure?.step);
  const idp = steps.find((s) => s.step === 'idp' && s !== first && failed(s));
  const picked: Array<{ symptom: Symptom | undefined; step: StepResult | undefined }> = [
    { symptom: symptomOf(first), step: first },
    { symptom: symptomOf(idp), step: idp },
  ];
  picked.sort((a, b) => Number(b.symptom?.direct === true) - Number(a.symptom?.direct === true));
  for (const step of steps) {
    for (const symptom of WARNING_SYMPTOMS) if (symptom.matches(step, steps)) picked.push({ symptom, step });
  }

  const findings: ProbeFinding[] = [];
  for (const { symptom, step } of picked) {
    if (!symptom || !step) continue;
    for (const id of symptom.causes) {
      if (findings.some((f) => f.id === id)) continue;
      findings.push(finding(id, { step, steps, given }, findings.length + 1));
    }
  }
  return findings;
}

function finding(id: CauseId, seen: Seen, rank: number): ProbeFinding {
  const { step } = seen;
  const common = {
    id,
    rank,
    resource: `step ${step.step}`,
    evidence: { step: step.step, status: step.status, summary: step.summary, ...step.evidence },
  };
  if (id in PROBE_CAUSES) {
    const cause = PROBE_CAUSES[id as ProbeCauseId];
    return {
      ...common,
      severity: cause.severity,
      title: cause.title,
      message: cause.message(seen),
      remediation: cause.remediationFor(seen),
      docs: cause.docs,
    };
  }
  const rule = RULES[id as NetworkCauseId];
  return {
    ...common,
    severity: rule.severity,
    title: rule.title,
    message: NETWORK_CAUSE_MESSAGES[id as NetworkCauseId](seen),
    remediation: rule.remediation,
    docs: ruleDocsUrl(id as NetworkCauseId),
  };
}
