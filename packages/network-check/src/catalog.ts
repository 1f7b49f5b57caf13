/** The rule catalog lives in `@closed-ftp/rule-catalog` so ftp-probe can use it without network-check's AWS clients. */
// Named, not `export *`: the CommonJS build can re-export only names it sees.
export {
  DOCS_BASE_URL,
  type Finding,
  RULES,
  type RuleId,
  type RuleInfo,
  ruleDocsUrl,
  type Severity,
} from '@closed-ftp/rule-catalog';

import { DOCS_BASE_URL } from '@closed-ftp/rule-catalog';

/** This package's page on the documentation site. */
export const PACKAGE_DOCS_URL = `${DOCS_BASE_URL}packages/network-check`;
