import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputFileError } from '../errors.js';
import type { Topology } from '../model.js';
import { parseTemplate } from './cloudformation/parse-template.js';
import { stacksToTopology } from './cloudformation/stacks-to-topology.js';

export interface TemplateLoadOptions {
  /** Values for template parameters, overriding their defaults. */
  parameters?: Record<string, string>;
  region?: string;
  account?: string;
}

/** Loads one CloudFormation template file (JSON or YAML). */
export async function loadTemplateFile(file: string, options: TemplateLoadOptions = {}): Promise<Topology> {
  const text = await readInput(file, 'template file');
  return loadTemplateText(text, file, options);
}

/** Loads a template given as text; `file` names it in errors and reports. */
export function loadTemplateText(text: string, file: string, options: TemplateLoadOptions = {}): Topology {
  const template = parseTemplate(text, file);
  const stackName = basename(file, extname(file)).replace(/\.template$/, '');
  return stacksToTopology([{ stackName, template, file, ...options }], { kind: 'template', location: file });
}

export async function readInput(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new InputFileError(`The ${what} ${file} ${reason}; pass the path of an existing file.`, { cause: error });
  }
}
