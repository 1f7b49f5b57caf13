// The SDK's EC2 shapes (`VpcId`, `IpPermissions`) as EC2 writes them in XML (`vpcId`, `ipPermissions`,
// `groupDescription` for Description), read from the SDK's own schemas, so one fixture serves the pure mapping and
// FakeEc2 alike and the names cannot drift from what the SDK deserializes.
import { createRequire } from 'node:module';

type Schema = unknown;
const ec2 = createRequire(import.meta.url)('@aws-sdk/client-ec2') as Record<string, Schema>;

/** A schema reference as the SDK writes it: a thunk, a number (a simple type), or the schema array itself. */
function resolve(schema: Schema): Schema {
  return typeof schema === 'function' ? (schema as () => Schema)() : schema;
}

/** `[schema, traits]` or a bare schema. */
function member(entry: Schema): { schema: Schema; xmlName?: string } {
  if (Array.isArray(entry) && entry.length === 2 && !(typeof entry[0] === 'number' && entry[0] === 1)) {
    const traits = entry[1] as { xmlName?: string } | number;
    return { schema: entry[0], ...(typeof traits === 'object' && traits.xmlName ? { xmlName: traits.xmlName } : {}) };
  }
  return { schema: entry };
}

function convert(schema: Schema, value: unknown): unknown {
  const resolved = resolve(schema);
  if (Array.isArray(value)) {
    // A list schema: [1, namespace, name, traits, member].
    const item = Array.isArray(resolved) && resolved[0] === 1 ? member(resolved[4]).schema : undefined;
    return value.map((v) => convert(item, v));
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (!Array.isArray(resolved) || resolved[0] !== 3) return value;
  const names = resolved[4] as string[];
  const members = resolved[5] as Schema[];
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const index = names.indexOf(key);
    if (index < 0) throw new Error(`${String(resolved[2])} has no member ${key}`);
    const { schema: childSchema, xmlName } = member(members[index]);
    out[xmlName ?? key[0]!.toLowerCase() + key.slice(1)] = convert(childSchema, child);
  }
  return out;
}

/** `items` of SDK shape `shape` (e.g. `TransitGateway`) with EC2's XML element names, for FakeEc2's account. */
export function toEc2XmlNames(shape: string, items: readonly object[]): object[] {
  const schema = ec2[`${shape}$`];
  if (schema === undefined) throw new Error(`the EC2 SDK has no shape ${shape}`);
  return items.map((item) => convert(schema, item) as object);
}
