import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { InputError } from '../../errors.js';

/** A CloudFormation template as far as network-check reads it. */
export interface CloudFormationTemplate {
  Parameters?: Record<string, { Default?: unknown; Type?: unknown }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Resources: Record<string, { Type?: unknown; Properties?: unknown; Condition?: unknown; Metadata?: unknown }>;
  Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
}

/** Parses a JSON or YAML template (with `!Ref`-style short forms) and checks its outline. */
export function parseTemplate(text: string, file: string): CloudFormationTemplate {
  const trimmed = text.trimStart();
  let parsed: unknown;
  if (trimmed.startsWith('{')) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${file} is not valid JSON (${(error as Error).message}); fix the file or pass YAML.`, {
        cause: error,
      });
    }
  } else {
    parsed = parseYaml(text, file);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`${file} is not a CloudFormation template: expected an object with a Resources section.`);
  }
  const template = parsed as Record<string, unknown>;
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    throw new InputError(`${file} has no Resources section (an object of logical id -> resource); is it a template?`);
  }
  const section = (name: string): Record<string, unknown> => {
    const value = template[name];
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  };
  const cleanResources: CloudFormationTemplate['Resources'] = {};
  for (const [id, resource] of Object.entries(resources)) {
    if (typeof resource === 'object' && resource !== null && !Array.isArray(resource)) cleanResources[id] = resource;
  }
  return {
    Parameters: section('Parameters') as CloudFormationTemplate['Parameters'],
    Conditions: section('Conditions'),
    Mappings: section('Mappings'),
    Resources: cleanResources,
    Outputs: section('Outputs') as CloudFormationTemplate['Outputs'],
  };
}

// Loaded on first YAML input only: cdk.out templates are JSON, and the CLI starts faster without it.
let yaml: typeof import('yaml') | undefined;
function yamlLibrary(): typeof import('yaml') {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml;
}

function parseYaml(text: string, file: string): unknown {
  const document = yamlLibrary().parseDocument(text, { uniqueKeys: false });
  const error = document.errors[0];
  if (error !== undefined) {
    throw new InputError(`${file} is not valid YAML: ${error.message.split('\n')[0]}; fix the file.`, { cause: error });
  }
  return toJson(document.contents);
}

/** Converts the YAML tree to JSON, turning CloudFormation short forms (`!Ref X`, `!Sub ...`) into long forms. */
function toJson(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  // CloudFormation does not support YAML aliases; reading them as null keeps alias bombs harmless.
  if (yamlLibrary().isAlias(node)) return null;
  const value = plain(node as Node);
  const tag = (node as Node).tag;
  if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

function plain(node: Node): unknown {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toJson(pair.key));
      result[key] = toJson(pair.value);
    }
    return result;
  }
  if (isSeq(node)) return node.items.map((item) => toJson(item));
  if (isScalar(node)) return node.value;
  return null;
}
