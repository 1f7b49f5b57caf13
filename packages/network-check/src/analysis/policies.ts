import type { PolicyDocument, PolicyStatement } from '../model.js';

/** The strings of a policy field that may be one value or a list (templates can hold anything there). */
function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function statementCovers(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined)
    return !strings(statement.NotAction).some((p) => matchesWildcard(p, action, true));
  return strings(statement.Action).some((p) => matchesWildcard(p, action, true));
}

/** Whether the document allows `action` for some principal and resource, and no statement denies it. */
export function policyAllows(document: PolicyDocument, action: string): boolean {
  const statements = document.Statement;
  if (statements.some((s) => s.Effect === 'Deny' && statementCovers(s, action))) return false;
  return statements.some((s) => s.Effect === 'Allow' && statementCovers(s, action));
}

/** Whether a trust policy lets the service principal `service` assume the role. */
export function trustsService(document: PolicyDocument, service: string): boolean {
  return document.Statement.some((s) => {
    if (s.Effect !== 'Allow' || !statementCovers(s, 'sts:AssumeRole')) return false;
    const principal = s.Principal as { Service?: string | string[] } | string | undefined;
    if (principal === '*') return true;
    return typeof principal === 'object' && principal !== null && strings(principal.Service).includes(service);
  });
}

/**
 * IAM's `*` (any run of characters, possibly empty) and `?` (exactly one); ARNs compare case-sensitively, actions
 * do not. No regular expression and no backtracking: the parts between stars are found left to right, each leftmost
 * match kept, so the time grows linearly with the value for a given pattern (a policy's pattern cannot make it blow up).
 */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const text = [...(ignoreCase ? value.toLowerCase() : value)];
  const parts = (ignoreCase ? pattern.toLowerCase() : pattern).split('*').map((part) => [...part]);
  const first = parts[0]!;
  if (parts.length === 1) return first.length === text.length && matchesAt(first, text, 0);
  const last = parts.at(-1)!;
  const end = text.length - last.length;
  if (first.length > end || !matchesAt(first, text, 0) || !matchesAt(last, text, end)) return false;
  let position = first.length;
  for (const part of parts.slice(1, -1)) {
    let at = position;
    while (at + part.length <= end && !matchesAt(part, text, at)) at++;
    if (at + part.length > end) return false;
    position = at + part.length;
  }
  return true;
}

/** Whether the star-free `part` (with `?` for any one character) matches `text` at `offset`. */
function matchesAt(part: string[], text: string[], offset: number): boolean {
  for (let i = 0; i < part.length; i++) if (part[i] !== '?' && part[i] !== text[offset + i]) return false;
  return true;
}

/** How sure network-check is that a Deny applies: `assumed` rests on our reasoning about Transfer's S3 requests. */
export type DenyCertainty = 'certain' | 'assumed';

/** What a Transfer session's S3 request carries, as far as a bucket policy's Deny can see it. */
export interface SessionRequest {
  roleArn: string;
  action: string;
  resourceArn: string;
}

/**
 * Whether a resource-policy statement denies the request. Conditions network-check cannot evaluate make the
 * statement count as not denying (no finding without evidence).
 */
export function statementDenies(statement: PolicyStatement, request: SessionRequest): DenyCertainty | undefined {
  if (statement.Effect !== 'Deny' || !statementCovers(statement, request.action)) return undefined;
  if (!namesPrincipal(statement, request.roleArn)) return undefined;
  const resources = statement.NotResource ?? statement.Resource;
  const matched = strings(resources).some((p) => matchesWildcard(p, request.resourceArn));
  if (statement.NotResource !== undefined ? matched : !matched) return undefined;
  return conditionHolds(statement.Condition, request.roleArn);
}

function accountOf(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

function namesPrincipal(statement: PolicyStatement, roleArn: string): boolean {
  const listed = (principal: unknown): boolean => {
    if (principal === '*') return true;
    const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
    const account = accountOf(roleArn);
    return strings(aws).some(
      (p) => p === '*' || p === roleArn || p === account || p === `arn:aws:iam::${account}:root`,
    );
  };
  if (statement.NotPrincipal !== undefined) {
    const aws = (statement.NotPrincipal as { AWS?: unknown } | null)?.AWS;
    return !strings(aws).includes(roleArn);
  }
  return listed(statement.Principal);
}

// Transfer reads S3 from the service, not through the customer's VPC: these keys are absent (our reasoning).
const ABSENT_FROM_TRANSFER = new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:vpcsourceip']);
const NEGATED = /^(StringNot|ArnNot|NotIpAddress)/;

/** A Deny applies only when every condition holds; `undefined` = some condition is false or unknown. */
function conditionHolds(condition: unknown, roleArn: string): DenyCertainty | undefined {
  if (condition === undefined) return 'certain';
  if (typeof condition !== 'object' || condition === null) return undefined;
  let certainty: DenyCertainty = 'certain';
  for (const [operator, keys] of Object.entries(condition)) {
    if (typeof keys !== 'object' || keys === null || operator.includes(':')) return undefined;
    const base = operator.replace(/IfExists$/, '');
    for (const [key, value] of Object.entries(keys)) {
      const name = key.toLowerCase();
      const values = strings(value);
      let holds: boolean;
      if (ABSENT_FROM_TRANSFER.has(name)) {
        certainty = 'assumed';
        if (base === 'Null') holds = values.includes('true');
        else holds = NEGATED.test(base) || base !== operator;
      } else if (name === 'aws:principalarn' || name === 'aws:principalaccount') {
        const actual = name === 'aws:principalarn' ? roleArn : accountOf(roleArn);
        if (!/^(String|Arn)/.test(base)) return undefined;
        const wildcards = base.endsWith('Like') || base.startsWith('Arn');
        const matches = values.some((p) => (wildcards ? matchesWildcard(p, actual) : p === actual));
        holds = NEGATED.test(base) ? !matches : matches;
      } else if (name === 'aws:securetransport' && base === 'Bool') {
        holds = values.includes('true'); // Transfer calls S3 over HTTPS.
      } else {
        return undefined;
      }
      if (!holds) return undefined;
    }
  }
  return certainty;
}
