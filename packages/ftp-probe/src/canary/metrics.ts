import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ProbeReport, StepName } from '../report.js';
import type { DataConnectAttempt } from '../steps/passive.js';

/**
 * What the canary publishes its metrics through; a Powertools `Metrics` fits. Typed here, not as Powertools' class,
 * whose types need `@types/aws-lambda`: no user of this package must install it.
 */
export interface CanaryMetrics {
  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): void;
  addDimension(name: string, value: string): void;
  setDefaultDimensions(dimensions: Record<string, string>): void;
  publishStoredMetrics(): void;
}

/** The metric name prefix of each step: `<Prefix>Success` (1 or 0) and `<Prefix>Latency` (ms, passed steps only). */
export const STEP_METRIC_NAMES: Record<StepName, string> = {
  dns: 'Dns',
  tcp: 'Connect',
  banner: 'Banner',
  tls: 'Tls',
  login: 'Login',
  session: 'Session',
  epsv: 'Epsv',
  pasv: 'Pasv',
  list: 'List',
  write: 'WriteCheck',
  idp: 'IdpTest',
};

/** The `TopCause` of a run that could not probe at all: the canary's own configuration or its secret. */
export const CANARY_CONFIGURATION_CAUSE = 'canary-configuration';
export const CANARY_SECRET_CAUSE = 'canary-secret';

/**
 * One record with every metric of the run (dimensions service and Canary), and on failure one more counting it by
 * its top cause (dimensions service, Canary, TopCause).
 */
export function publishRunMetrics(metrics: CanaryMetrics, report: ProbeReport): void {
  const healthy = report.verdict === 'healthy';
  metrics.addMetric('Success', MetricUnit.Count, healthy ? 1 : 0);
  metrics.addMetric('Failure', MetricUnit.Count, healthy ? 0 : 1);
  metrics.addMetric('Duration', MetricUnit.Milliseconds, report.durationMs);
  for (const step of report.steps) {
    if (step.status === 'skipped') continue;
    const name = STEP_METRIC_NAMES[step.step];
    metrics.addMetric(`${name}Success`, MetricUnit.Count, step.status === 'ok' ? 1 : 0);
    if (step.status === 'ok') metrics.addMetric(`${name}Latency`, MetricUnit.Milliseconds, step.durationMs);
  }
  // The data connection on its own, whichever passive command opened it.
  const attempts = report.steps
    .filter((s) => s.step === 'epsv' || s.step === 'pasv')
    .flatMap((s) => (s.evidence.dataConnect as DataConnectAttempt[] | undefined) ?? []);
  if (attempts.length > 0) {
    const connected = attempts.find((a) => a.result === 'connected');
    metrics.addMetric('DataConnectionSuccess', MetricUnit.Count, connected ? 1 : 0);
    if (connected) metrics.addMetric('DataConnectionLatency', MetricUnit.Milliseconds, connected.ms);
  }
  metrics.publishStoredMetrics();
  if (!healthy) publishFailure(metrics, report.causes[0]?.id ?? 'unknown');
}

/** A run that failed before or without a diagnosis (bad configuration, unreadable secret). */
export function publishCanaryFailure(metrics: CanaryMetrics, topCause: string): void {
  metrics.addMetric('Success', MetricUnit.Count, 0);
  metrics.addMetric('Failure', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  publishFailure(metrics, topCause);
}

function publishFailure(metrics: CanaryMetrics, topCause: string): void {
  metrics.addDimension('TopCause', topCause);
  metrics.addMetric('Failure', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
