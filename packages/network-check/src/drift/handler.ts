import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { checkTopology, type NetworkFinding } from '../check.js';
import { describeCoverage } from '../coverage.js';
import { DriftConfigError } from '../errors.js';
import { type LiveLoadOptions, loadLiveAccount } from '../loaders/live.js';
import type { Topology } from '../model.js';
import { PROFILES, type Profile } from '../profiles.js';

/** Where the drift check publishes (EMF), with dimension `service`; findings by severity and errors by rule. */
export const DRIFT_METRICS_NAMESPACE = 'ClosedFtp/NetworkDrift';
export const DRIFT_SERVICE_NAME = 'closed-ftp-network-drift';

/** The environment the drift check reads; every variable is optional. */
export const DRIFT_ENVIRONMENT = {
  AWS_REGION: 'the Region to read (Lambda sets it: the function reads its own Region)',
  DRIFT_SERVER_IDS: 'comma-separated Transfer server ids to check (default every server in the Region)',
  DRIFT_CLIENT_CIDRS: 'comma-separated client networks outside the account (on-premises), checked up to the AWS edge',
  DRIFT_PROFILE: 'severity profile: closed (default) or connected',
  POWERTOOLS_METRICS_NAMESPACE: `metrics namespace (default ${DRIFT_METRICS_NAMESPACE})`,
  POWERTOOLS_SERVICE_NAME: `the service dimension (default ${DRIFT_SERVICE_NAME})`,
} as const;

/** What one run found (the findings themselves go to the log). */
export interface DriftResult {
  errors: number;
  warnings: number;
  infos: number;
  /** The rule ids of the error findings, each once. */
  errorRules: string[];
  servers: number;
  clientNetworks: number;
}

export interface CreateDriftHandlerOptions {
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Replaces live mode's read (tests). @default loadLiveAccount */
  load?: (options: LiveLoadOptions) => Promise<Topology>;
  metrics?: Metrics;
  /** Where the one JSON line per run goes. @default console.log */
  log?: (line: string) => void;
}

export type DriftHandler = (event?: unknown) => Promise<DriftResult>;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * Builds the drift check: each call reads its own account and Region read-only (network-check live), runs every
 * rule, logs the findings and publishes their counts by severity, and each error rule's count (dimension `RuleId`).
 */
export function createDriftHandler(options: CreateDriftHandlerOptions = {}): DriftHandler {
  const env = options.env ?? process.env;
  const load = options.load ?? loadLiveAccount;
  const log = options.log ?? ((line: string) => console.log(line));
  const profile = (env.DRIFT_PROFILE?.trim() || 'closed') as Profile;
  if (!PROFILES.includes(profile)) {
    throw new DriftConfigError(`DRIFT_PROFILE: expected ${PROFILES.join(' or ')}; unset it for closed.`);
  }
  const serverIds = list(env.DRIFT_SERVER_IDS);
  for (const id of serverIds) {
    if (!/^s-[0-9a-f]{17}$/.test(id)) {
      throw new DriftConfigError(`DRIFT_SERVER_IDS: ${id} is not a Transfer server id; write s- and 17 hex digits.`);
    }
  }
  const clientCidrs = list(env.DRIFT_CLIENT_CIDRS);
  const metrics =
    options.metrics ??
    new Metrics({
      namespace: env.POWERTOOLS_METRICS_NAMESPACE?.trim() || DRIFT_METRICS_NAMESPACE,
      serviceName: env.POWERTOOLS_SERVICE_NAME?.trim() || DRIFT_SERVICE_NAME,
    });

  return async () => {
    const region = env.AWS_REGION?.trim();
    const topology = await load({ ...(region ? { region } : {}), ...(serverIds.length ? { serverIds } : {}) });
    const findings = checkTopology(topology, { clientCidrs, profile });
    const coverage = describeCoverage(topology, clientCidrs);
    const count = (severity: NetworkFinding['severity']) => findings.filter((f) => f.severity === severity).length;
    const errorsByRule = new Map<string, number>();
    for (const f of findings) if (f.severity === 'error') errorsByRule.set(f.id, (errorsByRule.get(f.id) ?? 0) + 1);
    const result: DriftResult = {
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      errorRules: [...errorsByRule.keys()],
      servers: coverage.servers,
      clientNetworks: coverage.clientNetworks,
    };
    log(
      JSON.stringify({
        message: result.errors > 0 ? 'network drift: errors found' : 'network drift: no errors',
        ...result,
        findings: findings.map(({ id, severity, resource, message, remediation }) => ({
          id,
          severity,
          resource,
          message,
          remediation,
        })),
      }),
    );
    metrics.addMetric('ErrorFindings', MetricUnit.Count, result.errors);
    metrics.addMetric('WarningFindings', MetricUnit.Count, result.warnings);
    metrics.addMetric('InfoFindings', MetricUnit.Count, result.infos);
    metrics.addMetric('ServersChecked', MetricUnit.Count, result.servers);
    metrics.addMetric('ClientNetworksChecked', MetricUnit.Count, result.clientNetworks);
    metrics.publishStoredMetrics();
    for (const [ruleId, n] of errorsByRule) {
      metrics.addDimension('RuleId', ruleId);
      metrics.addMetric('ErrorFindings', MetricUnit.Count, n);
      metrics.publishStoredMetrics();
    }
    return result;
  };
}

/** The handler Lambda runs (`index.handler` in the bundle), configured from the environment. */
export const handler: DriftHandler = (event) => {
  defaultHandler ??= createDriftHandler();
  return defaultHandler(event);
};
let defaultHandler: DriftHandler | undefined;
