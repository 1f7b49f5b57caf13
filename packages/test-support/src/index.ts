export { bundleInputs } from './bundle-inputs.js';
export { freePort, freePortRange } from './ports.js';
export {
  type ProcessOptions,
  type RunOptions,
  type RunResult,
  requireBinary,
  runProcess,
  type StartedProcess,
  startProcess,
  waitForPort,
} from './processes.js';
export { createTempDir, type TempDir, useTempDir } from './temp.js';
