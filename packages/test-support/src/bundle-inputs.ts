import { build } from 'esbuild';

/** Every module an entry point pulls in when bundled: what a "this import loads no SDK" test looks at. */
export async function bundleInputs(entryPoint: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}
