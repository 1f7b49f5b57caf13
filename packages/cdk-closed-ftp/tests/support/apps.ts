import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { App, type AppProps } from 'aws-cdk-lib';

let folder: { readonly path: string } | undefined;

/**
 * Gives this test file a temp folder for its cloud assemblies, removed after its tests. Call it at the top of the
 * file: without an `outdir`, every `Template.fromStack` would leave a `cdk.out*` folder in the temp dir.
 */
export function useTestApps(): void {
  folder = useTempDir('cdk-closed-ftp-test');
}

/** A CDK app synthesizing into a fresh folder inside this file's temp folder. */
export function testApp(props: AppProps = {}): App {
  if (!folder) throw new Error('testApp: call useTestApps() at the top of the test file first');
  return new App({ ...props, outdir: mkdtempSync(join(folder.path, 'cdk.out-')) });
}
