import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { expect } from 'vitest';

/** What kind of thing CloudFormation would refuse. */
export type SchemaProblemKind =
  | 'malformed-template'
  | 'unknown-resource-type'
  | 'unknown-property'
  | 'missing-property'
  | 'wrong-type'
  | 'not-allowed-value'
  | 'pattern-mismatch'
  | 'unknown-reference';

/** One thing in a template that CloudFormation's resource schemas do not accept. */
export interface SchemaProblem {
  /** The resource's logical id, or the template section (`Outputs.Bucket`, `Template`). */
  readonly resource: string;
  /** The resource's type, when it has one. */
  readonly type?: string;
  /** Where inside the resource, e.g. `Properties.EndpointDetails.SubnetIds[0]`. */
  readonly path: string;
  readonly kind: SchemaProblemKind;
  readonly message: string;
}

/** A template: its JSON, or anything with `toJSON()` returning it (`Template` of `aws-cdk-lib/assertions`). */
export type TemplateInput = Record<string, unknown> | { toJSON(): Record<string, unknown> };

// The parts of @aws-cdk/service-spec-types this file reads, written out so no transitive package is imported.
type SpecType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'json' }
  | { type: 'date-time' }
  | { type: 'null' }
  | { type: 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array'; element: SpecType }
  | { type: 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };
interface SpecProperty {
  type: SpecType;
  required?: boolean;
  documentation?: string;
}
interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, SpecProperty>;
  attributes: Record<string, unknown>;
}
interface SpecTypeDefinition {
  name: string;
  properties: Record<string, SpecProperty>;
}
interface Spec {
  resource(type: string): SpecResource | undefined;
  definition(ref: string): SpecTypeDefinition;
}

let loaded: Spec | undefined;

/** The resource schemas, read once per process (about a second: the database is 15 MB of JSON). */
function spec(): Spec {
  if (loaded) return loaded;
  const db = loadAwsServiceSpecSync();
  const resources = new Map<string, SpecResource>();
  for (const r of db.all('resource') as unknown as SpecResource[]) resources.set(r.cloudFormationType, r);
  loaded = {
    resource: (type) => resources.get(type),
    definition: (ref) => db.get('typeDefinition', ref) as unknown as SpecTypeDefinition,
  };
  return loaded;
}

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
]);
const POLICIES: Record<string, readonly string[]> = {
  DeletionPolicy: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'],
  UpdateReplacePolicy: ['Delete', 'Retain', 'Snapshot'],
};
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);
// Types CloudFormation accepts with any properties: custom resources and the CDK's own metadata resource.
const OPEN_TYPE = /^(Custom::[\w@-]+|AWS::CDK::Metadata)$/;
// Intrinsics whose result is known to be one string, or one list of strings.
const GIVES_STRING = new Set(['Fn::Join', 'Fn::Sub', 'Fn::Base64', 'Fn::ImportValue']);
const GIVES_LIST = new Set(['Fn::Split', 'Fn::GetAZs', 'Fn::Cidr']);

interface Context {
  readonly resource: string;
  readonly type?: string;
  readonly logicalIds: ReadonlySet<string>;
  readonly problems: SchemaProblem[];
}

/**
 * Checks a synthesized template against CloudFormation's resource schemas (`@aws-cdk/aws-service-spec`): resource
 * types, property names, required properties, value types, allowed values, documented patterns, and that every
 * `Ref`, `Fn::GetAtt` and `DependsOn` names something the template has. Intrinsic values are accepted where their
 * result cannot be known offline. Returns no problems for a template CloudFormation would accept.
 */
export function validateTemplate(input: TemplateInput): SchemaProblem[] {
  const template = typeof input.toJSON === 'function' ? (input.toJSON as () => unknown)() : input;
  const problems: SchemaProblem[] = [];
  const fail = (resource: string, path: string, message: string, kind: SchemaProblemKind = 'malformed-template') =>
    problems.push({ resource, path, kind, message });
  if (!isObject(template)) {
    fail('Template', '', 'is not a JSON object');
    return problems;
  }
  for (const section of Object.keys(template)) {
    if (!SECTIONS.has(section)) fail('Template', section, `'${section}' is not a template section`);
  }
  const resources = template.Resources;
  if (!isObject(resources) || Object.keys(resources).length === 0) {
    fail('Template', 'Resources', 'a template needs at least one resource');
    return problems;
  }
  const parameters = isObject(template.Parameters) ? Object.keys(template.Parameters) : [];
  const conditions = new Set(isObject(template.Conditions) ? Object.keys(template.Conditions) : []);
  const logicalIds = new Set([...Object.keys(resources), ...parameters]);
  indexTypes(logicalIds, resources);
  for (const [logicalId, resource] of Object.entries(resources)) {
    validateResource(logicalId, resource, conditions, { resource: logicalId, logicalIds, problems });
  }
  if (isObject(template.Outputs)) {
    for (const [name, output] of Object.entries(template.Outputs)) {
      const context = { resource: `Outputs.${name}`, logicalIds, problems };
      if (!isObject(output) || !('Value' in output)) {
        report(context, '', 'missing-property', 'an output needs a Value');
      } else {
        checkReferences(output.Value, 'Value', context);
      }
    }
  }
  return problems;
}

/** Every template of a cloud assembly (nested assemblies included), each problem naming its template file. */
export function validateCloudAssembly(directory: string): Array<SchemaProblem & { readonly templateFile: string }> {
  const files = (readdirSync(directory, { recursive: true }) as string[]).filter((f) => f.endsWith('.template.json'));
  if (files.length === 0) throw new Error(`validateCloudAssembly: no *.template.json in ${directory}; synth first`);
  return files.sort().flatMap((file) => {
    const template = JSON.parse(readFileSync(join(directory, file), 'utf8')) as Record<string, unknown>;
    return validateTemplate(template).map((p) => ({ ...p, templateFile: relative(directory, join(directory, file)) }));
  });
}

/** One line per problem: `Resource (Type) Path: message [kind]`. */
export function formatSchemaProblem(problem: SchemaProblem): string {
  const where = [problem.resource, problem.type ? `(${problem.type})` : '', problem.path].filter(Boolean).join(' ');
  return `${where}: ${problem.message} [${problem.kind}]`;
}

/** Fails the test, listing every problem, unless CloudFormation's resource schemas accept the template. */
export function expectAcceptedByCloudFormation(input: TemplateInput): void {
  expect(validateTemplate(input).map(formatSchemaProblem)).toEqual([]);
}

/** Fails the test, listing every problem, unless every template of the cloud assembly in `directory` is accepted. */
export function expectAssemblyAcceptedByCloudFormation(directory: string): void {
  expect(validateCloudAssembly(directory).map((p) => `${p.templateFile}: ${formatSchemaProblem(p)}`)).toEqual([]);
}

function validateResource(logicalId: string, resource: unknown, conditions: Set<string>, base: Context): void {
  if (!isObject(resource) || typeof resource.Type !== 'string') {
    report(base, 'Type', 'malformed-template', 'a resource needs a Type');
    return;
  }
  const type = resource.Type;
  const context: Context = { ...base, type };
  for (const key of Object.keys(resource)) {
    if (!RESOURCE_KEYS.has(key)) report(context, key, 'unknown-property', `'${key}' is not a resource attribute`);
  }
  for (const [key, allowed] of Object.entries(POLICIES)) {
    const value = resource[key];
    if (value !== undefined && !isIntrinsic(value) && !allowed.includes(value as string)) {
      report(context, key, 'not-allowed-value', `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
    }
  }
  if (resource.Condition !== undefined && !conditions.has(resource.Condition as string)) {
    report(context, 'Condition', 'unknown-reference', `no condition '${String(resource.Condition)}' in Conditions`);
  }
  const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
  for (const [i, target] of dependsOn.entries()) {
    if (typeof target !== 'string' || target === logicalId || !base.logicalIds.has(target)) {
      report(context, `DependsOn[${i}]`, 'unknown-reference', `${JSON.stringify(target)} is not another resource`);
    }
  }
  const properties = resource.Properties ?? {};
  if (!isObject(properties)) {
    report(context, 'Properties', 'wrong-type', 'Properties must be an object');
    return;
  }
  if (OPEN_TYPE.test(type) || type === 'AWS::CloudFormation::CustomResource') {
    if (type !== 'AWS::CDK::Metadata' && properties.ServiceToken === undefined) {
      report(context, 'Properties', 'missing-property', 'a custom resource needs a ServiceToken');
    }
    checkReferences(properties, 'Properties', context);
    return;
  }
  const schema = spec().resource(type);
  if (!schema) {
    report(context, 'Type', 'unknown-resource-type', `'${type}' is not a CloudFormation resource type`);
    return;
  }
  checkObject(properties, schema.properties, 'Properties', context);
}

function checkObject(
  value: Record<string, unknown>,
  properties: Record<string, SpecProperty>,
  path: string,
  context: Context,
): void {
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && (value[name] === undefined || isNoValue(value[name]))) {
      report(context, `${path}.${name}`, 'missing-property', `${name} is required`);
    }
  }
  for (const [name, inner] of Object.entries(value)) {
    const property = properties[name];
    if (!property) {
      report(
        context,
        `${path}.${name}`,
        'unknown-property',
        `'${name}' is not a property here${nearest(name, properties)}`,
      );
      continue;
    }
    checkValue(inner, property.type, `${path}.${name}`, context, property);
  }
}

function checkValue(value: unknown, type: SpecType, path: string, context: Context, property?: SpecProperty): void {
  if (isIntrinsic(value)) {
    checkIntrinsic(value, type, path, context, property);
    return;
  }
  const check = CHECKS[type.type] as Check<SpecType>;
  check({ value, type, path, context, property });
}

interface Checked<T extends SpecType> {
  readonly value: unknown;
  readonly type: T;
  readonly path: string;
  readonly context: Context;
  readonly property?: SpecProperty | undefined;
}
type Check<T extends SpecType> = (checked: Checked<T>) => void;
type Checks = { [K in SpecType['type']]: Check<Extract<SpecType, { type: K }>> };

const wrongType = ({ value, path, context }: Checked<SpecType>, expected: string) =>
  report(context, path, 'wrong-type', `expected ${expected}, got ${describe(value)}`);

function checkString(checked: Checked<SpecType & { type: 'string' | 'date-time' }>): void {
  const { value, type, path, context, property } = checked;
  if (!isScalar(value)) {
    wrongType(checked, 'a string');
    return;
  }
  const allowed = 'allowedValues' in type ? type.allowedValues : undefined;
  if (allowed && !allowed.includes(String(value))) {
    report(context, path, 'not-allowed-value', `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  }
  const pattern = property && documentedPattern(property);
  if (pattern && !pattern(String(value))) {
    report(context, path, 'pattern-mismatch', `${JSON.stringify(value)} does not match ${pattern.source}`);
  }
}

function checkNumber(checked: Checked<SpecType & { type: 'integer' | 'number' }>): void {
  const { value, type, path, context } = checked;
  // CloudFormation converts numeric strings, as CDK writes some numbers.
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n) || (type.type === 'integer' && !Number.isInteger(n))) {
    wrongType(checked, type.type === 'integer' ? 'an integer' : 'a number');
    return;
  }
  const allowed = 'allowedValues' in type ? type.allowedValues : undefined;
  if (allowed && !allowed.includes(n)) {
    report(context, path, 'not-allowed-value', `${n} is not one of ${allowed.join(', ')}`);
  }
}

function checkUnion({ value, type, path, context, property }: Checked<SpecType & { type: 'union' }>): void {
  const attempts = type.types.map((member) => {
    const trial: Context = { ...context, problems: [] };
    checkValue(value, member, path, trial, property);
    return trial.problems;
  });
  if (attempts.some((p) => p.length === 0)) return;
  // The closest member: the one with the fewest problems.
  context.problems.push(...attempts.reduce((a, b) => (b.length < a.length ? b : a)));
}

const CHECKS: Checks = {
  string: checkString,
  'date-time': checkString,
  integer: checkNumber,
  number: checkNumber,
  boolean: (checked) => {
    const { value } = checked;
    if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') wrongType(checked, 'a boolean');
  },
  json: (checked) => {
    const { value, path, context } = checked;
    if (isObject(value) || Array.isArray(value) || typeof value === 'string') checkReferences(value, path, context);
    else wrongType(checked, 'a JSON object');
  },
  null: () => {},
  tag: (checked) => {
    const { value, path, context } = checked;
    if (isObject(value)) checkObject(value, TAG_PROPERTIES, path, context);
    else wrongType(checked, 'a tag {Key, Value}');
  },
  ref: (checked) => {
    const { value, type, path, context } = checked;
    const definition = spec().definition(type.reference.$ref);
    if (isObject(value)) checkObject(value, definition.properties, path, context);
    else wrongType(checked, `an object (${definition.name})`);
  },
  array: (checked) => {
    const { value, type, path, context, property } = checked;
    if (!Array.isArray(value)) {
      wrongType(checked, 'a list');
      return;
    }
    value.forEach((element, i) => {
      checkValue(element, type.element, `${path}[${i}]`, context, property);
    });
  },
  map: (checked) => {
    const { value, type, path, context } = checked;
    if (!isObject(value)) {
      wrongType(checked, 'a map');
      return;
    }
    for (const [key, inner] of Object.entries(value)) checkValue(inner, type.element, `${path}.${key}`, context);
  },
  union: checkUnion,
};

const TAG_PROPERTIES: Record<string, SpecProperty> = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

function checkIntrinsic(
  value: Record<string, unknown>,
  type: SpecType,
  path: string,
  context: Context,
  property?: SpecProperty,
): void {
  const [name, argument] = Object.entries(value)[0]!;
  if (name === 'Fn::If' && Array.isArray(argument) && argument.length === 3) {
    for (const branch of argument.slice(1)) if (!isNoValue(branch)) checkValue(branch, type, path, context, property);
    return;
  }
  checkReferences(value, path, context);
  const scalar = type.type !== 'array' && type.type !== 'map' && type.type !== 'json' && type.type !== 'union';
  if (type.type === 'array' && GIVES_STRING.has(name)) {
    report(context, path, 'wrong-type', `expected a list, got ${name} (one string)`);
  } else if (scalar && GIVES_LIST.has(name)) {
    report(context, path, 'wrong-type', `expected one value, got ${name} (a list)`);
  }
}

/** `Ref` and `Fn::GetAtt` anywhere in a value must name a parameter, a pseudo parameter or a resource attribute. */
function checkReferences(value: unknown, path: string, context: Context): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkReferences(v, `${path}[${i}]`, context);
    });
    return;
  }
  if (!isObject(value)) return;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === 'Ref') {
    const target = entries[0]![1];
    if (typeof target !== 'string' || (!PSEUDO_PARAMETERS.has(target) && !context.logicalIds.has(target))) {
      report(context, path, 'unknown-reference', `Ref to ${JSON.stringify(target)}, which the template does not have`);
    }
    return;
  }
  if (entries.length === 1 && entries[0]![0] === 'Fn::GetAtt') {
    checkGetAtt(entries[0]![1], path, context);
    return;
  }
  for (const [key, inner] of entries) checkReferences(inner, `${path}.${key}`, context);
}

const resourceTypes = new WeakMap<ReadonlySet<string>, Map<string, string>>();

function checkGetAtt(argument: unknown, path: string, context: Context): void {
  const [target, attribute] = typeof argument === 'string' ? argument.split(/\.(.*)/s) : (argument as unknown[]);
  if (typeof target !== 'string' || !context.logicalIds.has(target)) {
    report(
      context,
      path,
      'unknown-reference',
      `Fn::GetAtt of ${JSON.stringify(target)}, which the template does not have`,
    );
    return;
  }
  const type = resourceTypes.get(context.logicalIds)?.get(target);
  const schema = type ? spec().resource(type) : undefined;
  if (!schema || typeof attribute !== 'string') return;
  if (!(attribute in schema.attributes)) {
    report(
      context,
      path,
      'unknown-reference',
      `${type} has no attribute '${attribute}'${nearest(attribute, schema.attributes)}`,
    );
  }
}

/** Records each resource's type, for the attribute check of `Fn::GetAtt`. */
function indexTypes(logicalIds: ReadonlySet<string>, resources: Record<string, unknown>): void {
  const types = new Map<string, string>();
  for (const [id, r] of Object.entries(resources)) if (isObject(r) && typeof r.Type === 'string') types.set(id, r.Type);
  resourceTypes.set(logicalIds, types);
}

const patterns = new WeakMap<SpecProperty, ((value: string) => boolean) & { source: string }>();
const noPattern = new WeakSet<SpecProperty>();

/**
 * The pattern a property's documentation gives (`*Pattern* : \`...\``): the database has no pattern field, the
 * registry schemas' patterns survive only there. The text is sometimes escaped once more than the schema's; a value
 * fails only if it matches neither reading. Patterns JavaScript cannot compile are skipped.
 */
function documentedPattern(property: SpecProperty): (((value: string) => boolean) & { source: string }) | undefined {
  if (noPattern.has(property)) return undefined;
  const cached = patterns.get(property);
  if (cached) return cached;
  const text = /\*Pattern\*\s*:\s*`([^`]+)`|\*Pattern:\*\s*`([^`]+)`/.exec(property.documentation ?? '');
  const source = text?.[1] ?? text?.[2];
  const readings = source ? [source, source.replace(/\\\\/g, '\\')].flatMap(compile) : [];
  if (!source || readings.length === 0) {
    noPattern.add(property);
    return undefined;
  }
  const test = Object.assign((value: string) => readings.some((r) => r.test(value)), { source });
  patterns.set(property, test);
  return test;
}

function compile(source: string): RegExp[] {
  try {
    return [new RegExp(source, 'u')];
  } catch {
    try {
      return [new RegExp(source)];
    } catch {
      return [];
    }
  }
}

function report(context: Context, path: string, kind: SchemaProblemKind, message: string): void {
  context.problems.push({
    resource: context.resource,
    ...(context.type ? { type: context.type } : {}),
    path,
    kind,
    message,
  });
}

/** `; did you mean 'X'?` for a name one letter case or a small typo away from a known one. */
function nearest(name: string, known: Record<string, unknown>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of Object.keys(known)) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? `; did you mean '${best}'?` : '';
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'));
}

function isNoValue(value: unknown): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
