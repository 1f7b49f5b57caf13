/** What a rule reads and a fix in CDK or CloudFormation, per rule id (the part of a page the catalog lacks). */
export declare const RULE_DETAILS: Record<string, { reads: string; example: string }>;
/** The Markdown page of one rule (reads the built catalog in dist/). */
export declare function renderRulePage(id: string): string;
