import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { TemplateShapeError, TemplateSyntaxError } from '../../errors.js';

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
      // No cause on purpose: V8's JSON.parse messages quote the text, which may hold secrets.
      throw new TemplateSyntaxError(
        `${file} is not valid JSON${jsonPosition(text, error)}; fix the file or pass YAML.`,
      );
    }
  } else {
    parsed = parseYaml(text, file);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TemplateShapeError(
      `${file} is not a CloudFormation template: expected an object with a Resources section.`,
    );
  }
  const template = parsed as Record<string, unknown>;
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    throw new TemplateShapeError(
      `${file} has no Resources section (an object of logical id -> resource); is it a template?`,
    );
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
    const at = error.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    // No cause on purpose: the YAML error's message shows the offending lines of the file.
    throw new TemplateSyntaxError(`${file} is not valid YAML (${error.code}${where}); fix the file.`);
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

/** ` at line L, column C` from V8's "at position N" (the rest of its message would quote the text). */
export function jsonPosition(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (match === null) return text.trim() === '' ? ' (the file is empty)' : ' (it ends before the JSON is complete)';
  const offset = Number(match[1]);
  const before = text.slice(0, offset).split('\n');
  return ` at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}
