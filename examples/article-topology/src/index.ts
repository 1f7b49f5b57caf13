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
export { ArticleTopologyError, RunCommandError, VerifyInputError } from './errors.js';
export { FtpClientInstance, type FtpClientInstanceProps, PROBE_PATH } from './ftp-client-instance.js';
export { type ProbeCommandOptions, probeCommand, quote } from './verify/probe-command.js';
