export { CanaryConfigError, CanarySecretError } from '../errors.js';
export { CANARY_ENVIRONMENT, type CanaryConfig, readCanaryConfig } from './config.js';
export {
  type CanaryContext,
  type CanaryHandler,
  type CanaryLogger,
  type CanaryResult,
  type CreateCanaryHandlerOptions,
  createCanaryHandler,
  handler,
  type SecretsManagerClientLike,
} from './handler.js';
export { CANARY_CONFIGURATION_CAUSE, CANARY_SECRET_CAUSE, type CanaryMetrics, STEP_METRIC_NAMES } from './metrics.js';
