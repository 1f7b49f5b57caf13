import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { type App, type IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type ArticleVariant, articleApp, STACK_NAME } from '../../src/index.js';

let folder: { readonly path: string } | undefined;

/**
 * Gives this test file a temp folder for its cloud assemblies, removed after its tests. Call it at the top of the
 * file: without an `outdir`, every `Template.fromStack` would leave a `cdk.out*` folder in the temp dir.
 */
export function useTestApps(): { readonly path: string } {
  folder = useTempDir('article-topology-test');
  return folder;
}

/** The example app writing its cloud assembly to a fresh folder inside this file's temp folder. */
export function freshApp(variant: ArticleVariant, plugins: (app: App) => IPolicyValidationPlugin[] = () => []): App {
  if (!folder) throw new Error('freshApp: call useTestApps() at the top of the test file first');
  const app = articleApp(variant, { outdir: mkdtempSync(join(folder.path, 'cdk.out-')) });
  const added = plugins(app);
  if (added.length > 0) Validations.of(app).addPlugins(...added);
  return app;
}

export function articleTemplate(variant: ArticleVariant): Template {
  const app = freshApp(variant);
  return Template.fromStack(app.node.findChild(STACK_NAME) as never);
}
