/**
 * One page of `items` as a paginated Describe/List call returns it: reads `NextToken` and `MaxResults` from the input
 * (strings in EC2's query protocol, numbers in JSON), returns the page and the token of the next one.
 */
export function paginate<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  pageSize = 1000,
): { items: T[]; nextToken: string | undefined } {
  const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
  const size = input.MaxResults === undefined ? pageSize : Math.min(Number(input.MaxResults), pageSize);
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}
