import type { PolicyDocument, PolicyStatement } from '../model.js';

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function matchesAction(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return regex.test(action);
}

function statementCovers(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => matchesAction(p, action));
  return list(statement.Action).some((p) => matchesAction(p, action));
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
    return typeof principal === 'object' && list(principal.Service).includes(service);
  });
}
