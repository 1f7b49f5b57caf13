/**
 * Evaluates the intrinsic functions of a template value the way CloudFormation would, with made-up values for
 * references: enough to read a `Fn::Join`-built JSON document as the deployed resource will hold it.
 */
export function resolveWith(value: unknown, refs: (logicalId: string, attribute?: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveWith(v, refs));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return refs(arg as string);
  if (entries.length === 1 && key === 'Fn::GetAtt') return refs(...(arg as [string, string]));
  if (entries.length === 1 && key === 'Fn::Join') {
    const [separator, parts] = arg as [string, unknown[]];
    return parts.map((p) => resolveWith(p, refs)).join(separator);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveWith(v, refs)]));
}
