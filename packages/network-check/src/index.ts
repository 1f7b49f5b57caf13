export * from './catalog.js';
export {
  type CheckOptions,
  checkTopology,
  declaredClients,
  hasFindingsAtOrAbove,
  type NetworkFinding,
} from './check.js';
export { type ClientNetwork, parseClientNetwork } from './clients.js';
export { type Coverage, coverageGap, coverageLine, describeCoverage } from './coverage.js';
export {
  AssemblyPathError,
  ClientCidrError,
  CloudAssemblyError,
  DriftConfigError,
  InputError,
  InputFileError,
  LiveAccountError,
  LiveCallError,
  LiveRegionError,
  NetworkCheckError,
  OutputFileError,
  SnapshotError,
  SnapshotVersionError,
  StackNotFoundError,
  TemplateShapeError,
  TemplateSyntaxError,
  UsageError,
  WorkBudgetError,
} from './errors.js';
export { type CdkOutLoadOptions, loadCdkOut } from './loaders/cdk-out.js';
export { resolveIntrinsics } from './loaders/cloudformation/intrinsics.js';
export { type StackInput, stacksToTopology } from './loaders/cloudformation/stacks-to-topology.js';
export {
  type DescribedFunction,
  type DescribeResults,
  describeResultsToTopology,
} from './loaders/live/describe-results.js';
export {
  fetchDescribeResults,
  LIVE_IAM_ACTIONS,
  type LiveClients,
  type LiveLoadOptions,
  loadLiveAccount,
} from './loaders/live.js';
export { loadSnapshot, parseSnapshot, writeSnapshot } from './loaders/snapshot.js';
export { loadTemplateFile, loadTemplateText, type TemplateLoadOptions } from './loaders/template-file.js';
export * from './model.js';
export { PROFILES, type Profile } from './profiles.js';
export { formatHtml } from './reporters/html.js';
export { formatJson } from './reporters/json.js';
export { formatMarkdown } from './reporters/markdown.js';
export { formatSarif, type SarifOptions } from './reporters/sarif.js';
export { formatText, type TextOptions } from './reporters/text.js';
