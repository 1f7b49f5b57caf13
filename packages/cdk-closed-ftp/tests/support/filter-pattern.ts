/**
 * CloudWatch Logs' JSON filter patterns, the subset metric filters here use (`{ $.key = "value" }`, joined by `&&`),
 * evaluated as the CloudWatch Logs user guide describes them: the event must be JSON, the selector a top-level
 * property, the comparison exact and case-sensitive. Anything else in a pattern is refused rather than guessed.
 */
export function matchesFilterPattern(pattern: string, event: string): boolean {
  const body = /^\{\s*(.*?)\s*\}$/.exec(pattern.trim())?.[1];
  if (body === undefined) throw new Error(`not a JSON filter pattern: ${pattern}`);
  let json: unknown;
  try {
    json = JSON.parse(event);
  } catch {
    return false; // a JSON pattern matches JSON events only
  }
  return body.split('&&').every((term) => {
    const match = /^\(?\s*\$\.([A-Za-z0-9_-]+)\s*(=|!=)\s*"([^"]*)"\s*\)?$/.exec(term.trim());
    if (!match) throw new Error(`unsupported filter term: ${term}`);
    const [, key, operator, value] = match;
    const actual = (json as Record<string, unknown>)[key!];
    return operator === '=' ? actual === value : actual !== value;
  });
}

/** The value a metric filter dimension `$.key` takes from an event. */
export function selectField(selector: string, event: string): unknown {
  const key = /^\$\.([A-Za-z0-9_-]+)$/.exec(selector)?.[1];
  if (key === undefined) throw new Error(`unsupported selector: ${selector}`);
  return (JSON.parse(event) as Record<string, unknown>)[key];
}
