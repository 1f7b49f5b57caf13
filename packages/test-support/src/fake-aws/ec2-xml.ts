/**
 * A handler's plain object as EC2 writes it: each key an element, each array a list of `<item>`s (EC2's `...Set`
 * shape), `undefined` left out.
 */
export function toEc2Xml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<item>${toEc2Xml(item)}</item>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => `<${key}>${toEc2Xml(child)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
