import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { type App, type IPolicyValidationPlugin, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type HubAndSpokeVariant, hubAndSpokeApp, STACK_NAME } from '../../src/index.js';

let folder: { readonly path: string } | undefined;

/**
 * Gives this test file a temp folder for its cloud assemblies, removed after its tests. Call it at the top of the
 * file: without an `outdir`, every `Template.fromStack` would leave a `cdk.out*` folder in the temp dir.
 */
export function useTestApps(): { readonly path: string } {
  folder = useTempDir('hub-and-spoke-test');
  return folder;
}

/** The example app writing its cloud assembly to a fresh folder inside this file's temp folder. */
export function freshApp(
  variant: HubAndSpokeVariant,
  plugins: (app: App) => IPolicyValidationPlugin[] = () => [],
): App {
  if (!folder) throw new Error('freshApp: call useTestApps() at the top of the test file first');
  const app = hubAndSpokeApp(variant, { outdir: mkdtempSync(join(folder.path, 'cdk.out-')) });
  const added = plugins(app);
  if (added.length > 0) Validations.of(app).addPlugins(...added);
  return app;
}

export function hubTemplate(variant: HubAndSpokeVariant): Template {
  return Template.fromStack(freshApp(variant).node.findChild(STACK_NAME) as Stack);
}
