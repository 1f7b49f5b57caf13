// `@closed-ftp/idp-lambda/facts`: the IdP's own validators, for tools that must check configuration exactly as the
// handler will (cdk-closed-ftp at construct time). Loads neither the handler, Powertools nor the AWS SDK.
export {
  checkSecretNameTemplate,
  DEFAULT_SECRET_NAME_TEMPLATE,
  parseSourceCidrs,
  SERVER_ID_PATTERN,
  SecretNameTemplateError,
  type SourceCidrs,
  secretNameFor,
  USER_NAME_PATTERN,
} from '@closed-ftp/idp-core/facts';
