import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type ArticleVariant, articleApp, STACK_NAME } from '../../src/index.js';

/** The example app writing its cloud assembly to a fresh temporary folder. */
export function freshApp(variant: ArticleVariant, plugins: (app: App) => IPolicyValidationPlugin[] = () => []): App {
  const app = articleApp(variant, { outdir: mkdtempSync(join(tmpdir(), 'article-topology-test-')) });
  const added = plugins(app);
  if (added.length > 0) Validations.of(app).addPlugins(...added);
  return app;
}

export function articleTemplate(variant: ArticleVariant): Template {
  const app = freshApp(variant);
  return Template.fromStack(app.node.findChild(STACK_NAME) as never);
}

/**
 * Evaluates a template value's Ref / Fn::GetAtt / Fn::Join as CloudFormation would, with made-up values for the
 * references: enough to read a JSON document built with Fn::Join as the deployed resource will hold it.
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
