import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { expectAssemblyAcceptedByCloudFormation } from '@closed-ftp/test-support/cloudformation-schema';
import { App, type AppProps } from 'aws-cdk-lib';
import { afterAll } from 'vitest';

let folder: { readonly path: string } | undefined;

/**
 * Gives this test file a temp folder for its cloud assemblies, removed after its tests, and checks every template
 * synthesized into it against CloudFormation's resource schemas. Call it at the top of the file: without an
 * `outdir`, every `Template.fromStack` would leave a `cdk.out*` folder in the temp dir.
 */
export function useTestApps(): void {
  const dir = useTempDir('cdk-closed-ftp-test');
  folder = dir;
  // After hooks run last-registered first: this sees every template the file's tests synthesized, before removal.
  afterAll(() => {
    const templates = (readdirSync(dir.path, { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.template.json'),
    );
    if (templates.length > 0) expectAssemblyAcceptedByCloudFormation(dir.path);
  });
}

/** A CDK app synthesizing into a fresh folder inside this file's temp folder. */
export function testApp(props: AppProps = {}): App {
  if (!folder) throw new Error('testApp: call useTestApps() at the top of the test file first');
  return new App({ ...props, outdir: mkdtempSync(join(folder.path, 'cdk.out-')) });
}
