import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AssemblyPathError, CloudAssemblyError, StackNotFoundError } from '../errors.js';
import type { Topology } from '../model.js';
import { jsonPosition, parseTemplate } from './cloudformation/parse-template.js';
import { type StackInput, stacksToTopology } from './cloudformation/stacks-to-topology.js';
import { readInput } from './template-file.js';

export interface CdkOutLoadOptions {
  /** Only these stacks (by stack name or artifact id); default all. */
  stacks?: string[];
}

/** Loads every stack of a CDK cloud assembly (cdk.out), including stages, resolving cross-stack references. */
export async function loadCdkOut(directory: string, options: CdkOutLoadOptions = {}): Promise<Topology> {
  const stacks = await readAssembly(resolve(directory), resolve(directory), new Set());
  const wanted = options.stacks;
  const selected = wanted
    ? stacks.filter((s) => wanted.includes(s.stackName) || wanted.includes(s.idPrefix!.slice(0, -1)))
    : stacks;
  if (selected.length === 0) {
    throw new StackNotFoundError(
      `${directory} has no CloudFormation stack${wanted ? ` named ${wanted.join(', ')}` : ''}; run \`cdk synth\` first or check --stack.`,
    );
  }
  return stacksToTopology(selected, { kind: 'cdk-out', location: directory });
}

/** Nested assemblies (stages) deeper than this are not something `cdk synth` writes. */
const MAX_NESTING = 8;

/**
 * Reads one assembly folder. `visited` holds the folders read so far: a manifest whose nested assemblies point back
 * at a folder already read (`.`, a parent) would otherwise be read again and again.
 */
async function readAssembly(directory: string, root: string, visited: Set<string>, depth = 0): Promise<StackInput[]> {
  if (visited.has(directory)) return [];
  visited.add(directory);
  const manifestFile = join(directory, 'manifest.json');
  const text = await readInput(manifestFile, 'cloud assembly manifest');
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    // No cause on purpose: V8's JSON.parse messages quote the text.
    throw new CloudAssemblyError(
      `${manifestFile} is not valid JSON${jsonPosition(text, error)}; synthesize the app again (cdk synth).`,
    );
  }
  const artifacts = isRecord(manifest) ? (manifest.artifacts ?? {}) : undefined;
  if (!isRecord(artifacts)) {
    throw new CloudAssemblyError(
      `${manifestFile} is not a cloud assembly manifest; synthesize the app again (cdk synth).`,
    );
  }
  const stacks: StackInput[] = [];
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) continue;
    const properties: Record<string, unknown> = isRecord(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string' && depth < MAX_NESTING) {
      const nested = inside(root, directory, properties.directoryName, `${manifestFile} artifacts.${artifactId}`);
      stacks.push(...(await readAssembly(nested, root, visited, depth + 1)));
    }
    if (artifact.type !== 'aws:cloudformation:stack' || typeof properties.templateFile !== 'string') continue;
    const file = inside(root, directory, properties.templateFile, `${manifestFile} artifacts.${artifactId}`);
    const template = parseTemplate(await readInput(file, 'stack template'), file);
    const [, account, region] =
      /^aws:\/\/([^/]+)\/(.+)$/.exec(typeof artifact.environment === 'string' ? artifact.environment : '') ?? [];
    const stack: StackInput = {
      stackName: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
      template,
      file,
      idPrefix: `${typeof artifact.displayName === 'string' ? artifact.displayName : artifactId}/`,
      constructPaths: constructPaths({
        ...(isRecord(artifact.metadata) ? artifact.metadata : {}),
        ...(await additionalMetadata(root, directory, artifact.additionalMetadataFile)),
      }),
    };
    if (account && account !== 'unknown-account') stack.account = account;
    if (region && region !== 'unknown-region') stack.region = region;
    stacks.push(stack);
  }
  return stacks;
}

/** Logical id -> construct path, from the manifest's `aws:cdk:logicalId` metadata (present even without path metadata). */
function constructPaths(metadata: Record<string, unknown>): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const [path, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isRecord(entry) && entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string')
        paths[entry.data] = path.replace(/^\//, '');
    }
  }
  return paths;
}

/** Newer CDK versions move stack metadata out of the manifest into `<stack>.metadata.json`. */
async function additionalMetadata(root: string, directory: string, file: unknown): Promise<Record<string, unknown>> {
  if (typeof file !== 'string') return {};
  const path = inside(root, directory, file, `${join(directory, 'manifest.json')} additionalMetadataFile`);
  try {
    const metadata: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isRecord(metadata) ? metadata : {};
  } catch {
    return {}; // Construct paths are a nicety for reports; their absence must not stop a check.
  }
}

/** `directory/name`, refused when it leaves the assembly folder: a manifest names files of its own assembly only. */
function inside(root: string, directory: string, name: string, field: string): string {
  const path = resolve(directory, name);
  const fromRoot = relative(root, path);
  if (fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    throw new AssemblyPathError(
      `${field} names ${JSON.stringify(name)}, outside the assembly folder ${root}; synthesize the app again (cdk synth) or check the manifest.`,
    );
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
