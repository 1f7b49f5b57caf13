// `@closed-ftp/idp-core/facts`: what the IdP holds true about Transfer names, secret names and source CIDRs, for
// tools that must validate exactly as the IdP does (cdk-closed-ftp at construct time). No AWS SDK, no hash-wasm.
export { SecretNameTemplateError } from './errors.js';
export { checkSecretNameTemplate, DEFAULT_SECRET_NAME_TEMPLATE, secretNameFor } from './secret-name.js';
export { parseSourceCidrs, type SourceCidrs } from './source-cidrs.js';
export { SERVER_ID_PATTERN, USER_NAME_PATTERN } from './transfer-names.js';
