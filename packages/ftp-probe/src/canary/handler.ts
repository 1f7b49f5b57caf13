import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CanaryConfigError, CanarySecretError } from '../errors.js';
import { probe } from '../probe.js';
import type { ProbeReport, StepName, Verdict } from '../report.js';
import { redactor, scrub } from '../transcript.js';
import { type CanaryConfig, readCanaryConfig } from './config.js';
import {
  CANARY_CONFIGURATION_CAUSE,
  CANARY_SECRET_CAUSE,
  type CanaryMetrics,
  publishCanaryFailure,
  publishRunMetrics,
} from './metrics.js';
import { readPasswordSecret } from './password.js';

/** What one run found; the full report goes to the log. */
export interface CanaryResult {
  verdict: Verdict;
  /** The step where the path breaks, when it does. */
  firstFailure?: StepName;
  /** The most likely cause (or `canary-configuration` / `canary-secret` when no probe could run). */
  topCause?: string;
  durationMs: number;
}

/** The part of the Lambda context the canary reads. */
export interface CanaryContext {
  getRemainingTimeInMillis?(): number;
}

export type CanaryHandler = (event?: unknown, context?: CanaryContext) => Promise<CanaryResult>;

/**
 * A client that sends Secrets Manager's GetSecretValue; an `@aws-sdk/client-secrets-manager` `SecretsManagerClient`
 * fits. Typed here, not as the SDK's class: the build inlines the SDK, so it is no dependency of this package.
 */
export interface SecretsManagerClientLike {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<object>;
  destroy(): void;
}

/** What the canary logs through; a Powertools `Logger` fits (typed here: Powertools' types need `@types/aws-lambda`). */
export interface CanaryLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface CreateCanaryHandlerOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Replaces the Secrets Manager client made from the environment. */
  secretsManager?: SecretsManagerClientLike;
  /** @default a Powertools `Logger` (service `POWERTOOLS_SERVICE_NAME`, level `POWERTOOLS_LOG_LEVEL`) */
  logger?: CanaryLogger;
  /** @default a Powertools `Metrics` (namespace and service from the canary's configuration) */
  metrics?: CanaryMetrics;
}

/** Time kept back from the Lambda's remaining time to log the report and flush the metrics. */
const FLUSH_MARGIN_MS = 2000;
/** The longest the canary waits for its secret. */
const SECRET_TIMEOUT_MS = 5000;

/**
 * Builds the canary: each call runs one probe of the configured endpoint, logs the report (password redacted) and
 * publishes CloudWatch metrics (EMF). A bad environment is logged, counted and thrown (a Lambda error).
 */
export function createCanaryHandler(options: CreateCanaryHandlerOptions = {}): CanaryHandler {
  const env = options.env ?? process.env;
  const serviceName = env.POWERTOOLS_SERVICE_NAME?.trim() || 'closed-ftp-canary';
  const logger: CanaryLogger =
    options.logger ??
    new Logger({ serviceName, ...(env.POWERTOOLS_LOG_LEVEL ? { logLevel: env.POWERTOOLS_LOG_LEVEL as 'INFO' } : {}) });
  let config: CanaryConfig | CanaryConfigError | undefined;
  let metrics: CanaryMetrics | undefined = options.metrics;
  const metricsFor = (name: string | undefined, namespace: string, disabled: boolean) => {
    if (disabled) return undefined;
    if (!metrics) {
      metrics = new Metrics({ namespace, serviceName, ...(name ? { defaultDimensions: { Canary: name } } : {}) });
    } else if (name && options.metrics) {
      metrics.setDefaultDimensions({ Canary: name });
    }
    return metrics;
  };

  return async (_event, context) => {
    const started = performance.now();
    if (config === undefined) {
      try {
        config = readCanaryConfig(env);
      } catch (error) {
        if (!CanaryConfigError.isInstance(error)) throw error;
        config = error;
      }
    }
    if (CanaryConfigError.isInstance(config)) {
      logger.error('canary misconfigured: no probe ran', { error: config.message, variable: config.variable });
      const namespace = env.POWERTOOLS_METRICS_NAMESPACE?.trim() || 'ClosedFtp';
      const fallback = metricsFor(undefined, namespace, env.POWERTOOLS_METRICS_DISABLED?.trim() === 'true');
      if (fallback) publishCanaryFailure(fallback, CANARY_CONFIGURATION_CAUSE);
      throw config;
    }
    const { target, name } = config;
    const published = metricsFor(name, config.metrics.namespace, config.metrics.disabled);
    const elapsed = () => Math.round(performance.now() - started);

    let password: string;
    try {
      password =
        'value' in config.password
          ? config.password.value
          : await readPasswordSecret(config.password.secretId, SECRET_TIMEOUT_MS, options.secretsManager);
    } catch (error) {
      if (!CanarySecretError.isInstance(error)) throw error;
      logger.error('canary could not read its password: no probe ran', { error: error.message, canary: name });
      if (published) publishCanaryFailure(published, CANARY_SECRET_CAUSE);
      return { verdict: 'failed', topCause: CANARY_SECRET_CAUSE, durationMs: elapsed() };
    }

    const remaining = context?.getRemainingTimeInMillis?.();
    const timeoutMs =
      remaining === undefined
        ? config.timeoutMs
        : Math.max(1000, Math.min(config.timeoutMs, remaining - FLUSH_MARGIN_MS));
    const report: ProbeReport = await probe(target, {
      password,
      timeoutMs,
      write: config.writeCheck,
      ...(config.tls.ca || config.tls.servername ? { tls: config.tls } : {}),
    });
    // The probe already scrubs its report; the log gets the same treatment once more, on principle.
    const clean = scrub(report, redactor([password]));
    const topCause = clean.causes[0]?.id;
    const summary = {
      canary: name,
      verdict: clean.verdict,
      ...(clean.firstFailure ? { firstFailure: clean.firstFailure.step } : {}),
      ...(topCause ? { topCause } : {}),
    };
    if (clean.verdict === 'healthy') logger.info('canary run healthy', { ...summary, report: clean });
    else logger.warn(`canary run ${clean.verdict}`, { ...summary, report: clean });
    if (published) publishRunMetrics(published, clean);
    return {
      verdict: clean.verdict,
      ...(clean.firstFailure ? { firstFailure: clean.firstFailure.step } : {}),
      ...(topCause ? { topCause } : {}),
      durationMs: elapsed(),
    };
  };
}

/** The handler Lambda runs (`index.handler` in the bundle), configured from the environment. */
export const handler: CanaryHandler = (event, context) => {
  defaultHandler ??= createCanaryHandler();
  return defaultHandler(event, context);
};
let defaultHandler: CanaryHandler | undefined;
