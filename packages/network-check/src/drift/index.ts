// The drift check's Lambda entry point (bundled to dist/drift-bundle/index.mjs, `index.handler`).

export { DriftConfigError } from '../errors.js';
export {
  type CreateDriftHandlerOptions,
  createDriftHandler,
  DRIFT_ENVIRONMENT,
  DRIFT_METRICS_NAMESPACE,
  DRIFT_SERVICE_NAME,
  type DriftHandler,
  type DriftResult,
  handler,
} from './handler.js';
