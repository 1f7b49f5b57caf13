import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  authenticate,
  type Decision,
  DUMMY_PASSWORD_HASHES,
  JsonFileUserStore,
  SecretsManagerUserStore,
  type TransferIdpResponse,
  type UserStore,
} from '@closed-ftp/idp-core';
import { type HandlerConfig, readHandlerConfig } from './config.js';

/** The Lambda signature Transfer Family calls: allow with a response, deny with `{}`. */
export type IdpHandler = (event: unknown) => Promise<TransferIdpResponse | Record<string, never>>;

/**
 * What the handler logs through; a Powertools `Logger` fits. Typed here, not as Powertools' class, whose types need
 * `@types/aws-lambda`: no user of this package must install it.
 */
export interface HandlerLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** What the handler publishes its login metrics through; a Powertools `Metrics` fits. */
export interface HandlerMetrics {
  addDimension(name: string, value: string): void;
  addDimensions(dimensions: Record<string, string>): void;
  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): void;
  publishStoredMetrics(): void;
}

export interface CreateHandlerOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Replaces the store chosen from the environment (Secrets Manager or USER_STORE_FILE). */
  userStore?: UserStore;
  /** @default a Powertools `Logger` (service `POWERTOOLS_SERVICE_NAME`, level `POWERTOOLS_LOG_LEVEL`) */
  logger?: HandlerLogger;
  /** @default a Powertools `Metrics` (namespace `POWERTOOLS_METRICS_NAMESPACE`) */
  metrics?: HandlerMetrics;
  /** Called with every decision (reason and detail carry no secrets): for local tools such as the demo. */
  onDecision?: (decision: Decision, event: unknown) => void;
}

/**
 * Builds a handler. Configuration is read once, on the first call; a bad configuration denies every login and
 * logs the variable to fix, rather than crashing.
 */
export function createHandler(options: CreateHandlerOptions = {}): IdpHandler {
  const env = options.env ?? process.env;
  const logger: HandlerLogger =
    options.logger ??
    new Logger({
      serviceName: env.POWERTOOLS_SERVICE_NAME || 'closed-ftp-idp',
      ...(env.POWERTOOLS_LOG_LEVEL ? { logLevel: env.POWERTOOLS_LOG_LEVEL as 'INFO' } : {}),
    });
  const metricsOn = env.POWERTOOLS_METRICS_DISABLED !== 'true';
  const metrics: HandlerMetrics =
    options.metrics ??
    new Metrics({
      namespace: env.POWERTOOLS_METRICS_NAMESPACE || 'ClosedFtp',
      serviceName: env.POWERTOOLS_SERVICE_NAME || 'closed-ftp-idp',
    });
  let setup: { config: HandlerConfig; userStore: UserStore } | Error | undefined;

  return async (event) => {
    const started = performance.now();
    setup ??= configure(env, options.userStore);
    if (setup instanceof Error) {
      logger.error('identity provider misconfigured; denying every login', { error: setup.message });
      return {};
    }
    try {
      const { config, userStore } = setup;
      const decision = await authenticate(event, {
        userStore,
        secretNameTemplate: config.secretNameTemplate,
        allowedServerIds: config.allowedServerIds,
        dummyPasswordHash: DUMMY_PASSWORD_HASHES[config.passwordHashAlgorithm],
      });
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const fields = event as Partial<Record<'username' | 'serverId' | 'sourceIp' | 'protocol', unknown>> | null;
      logger.info(decision.allowed ? 'login allowed' : 'login denied', {
        decision: decision.allowed ? 'allow' : 'deny',
        reason: decision.reason,
        ...(decision.allowed || decision.detail === undefined ? {} : { detail: decision.detail }),
        user: printable(fields?.username),
        server: printable(fields?.serverId),
        sourceIp: printable(fields?.sourceIp),
        protocol: printable(fields?.protocol),
        cached: decision.cached,
        latencyMs,
      });
      options.onDecision?.(decision, event);
      if (!metricsOn) return decision.response;
      // One record, published per service and per service and reason: `addDimensions({})` adds the service-only set.
      metrics.addDimension('Reason', decision.reason);
      metrics.addDimensions({});
      metrics.addMetric(decision.allowed ? 'LoginAllowed' : 'LoginDenied', MetricUnit.Count, 1);
      if (decision.cached !== undefined) {
        metrics.addMetric(decision.cached ? 'SecretCacheHit' : 'SecretCacheMiss', MetricUnit.Count, 1);
      }
      metrics.addMetric('LoginLatency', MetricUnit.Milliseconds, latencyMs);
      metrics.publishStoredMetrics();
      return decision.response;
    } catch (error) {
      // authenticate never throws; this guards logging and metrics, and still fails closed.
      logger.error('identity provider error; login denied', { error: (error as Error).name });
      return {};
    }
  };
}

function configure(env: NodeJS.ProcessEnv, userStore?: UserStore) {
  try {
    const config = readHandlerConfig(env);
    return {
      config,
      userStore:
        userStore ??
        (config.userStoreFile !== undefined
          ? new JsonFileUserStore(config.userStoreFile)
          : new SecretsManagerUserStore({
              cacheTtlSeconds: config.cacheTtlSeconds,
              negativeCacheTtlSeconds: config.negativeCacheTtlSeconds,
              lookupTimeoutMs: config.lookupTimeoutMs,
              refreshIntervalSeconds: config.refreshIntervalSeconds,
            })),
    };
  } catch (error) {
    return error as Error;
  }
}

/** Event fields are logged only when they are short strings, so a malformed event cannot smuggle data into logs. */
function printable(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 256 ? value : undefined;
}

/** The handler Lambda runs (`index.handler` in the bundle), configured from the environment. */
export const handler: IdpHandler = (event) => {
  defaultHandler ??= createHandler();
  return defaultHandler(event);
};
let defaultHandler: IdpHandler | undefined;
