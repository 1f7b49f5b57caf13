export { addArticleTopology, articleApp, STACK_NAME, VARIANTS } from './article-app.js';
export {
  ArticleTopologyStack,
  type ArticleTopologyStackProps,
  type ArticleVariant,
  CLIENT_VPC_CIDR,
  FTP_USER,
  FTP_VPC_CIDR,
  probeBundleFile,
} from './article-topology-stack.js';
export { ArticleTopologyError, CanaryResultError, RunCommandError, VerifyInputError } from './errors.js';
export { FtpClientInstance, type FtpClientInstanceProps, PROBE_PATH } from './ftp-client-instance.js';
export {
  CANARY_LOOKBACK_MINUTES,
  type CanaryResult,
  type LastCanaryResultOptions,
  lastCanaryResult,
  renderCanaryResult,
} from './verify/canary-result.js';
export { type ProbeCommandOptions, probeCommand, quote } from './verify/probe-command.js';
