import { fileURLToPath } from 'node:url';

export { type HandlerConfig, readHandlerConfig } from './config.js';
export { HandlerConfigError, IdpLambdaError } from './errors.js';
export {
  type CreateHandlerOptions,
  createHandler,
  type HandlerLogger,
  type HandlerMetrics,
  handler,
  type IdpHandler,
} from './handler.js';

/** Folder holding the one-file ESM bundle `index.mjs`: `lambda.Code.fromAsset(handlerBundleDir)`, handler `index.handler`. */
export const handlerBundleDir: string = fileURLToPath(new URL('./bundle', import.meta.url));
