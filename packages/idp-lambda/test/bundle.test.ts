import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('handlerBundleDir', () => {
  it('is an absolute folder holding only index.mjs, a minified ESM bundle under 600 KB exporting handler', async () => {
    const { handlerBundleDir } = (await import(dist)) as { handlerBundleDir: string };
    expect(handlerBundleDir).toBe(fileURLToPath(new URL('../dist/bundle', import.meta.url)));
    expect(await readdir(handlerBundleDir)).toEqual(['index.mjs']);
    const bundle = join(handlerBundleDir, 'index.mjs');
    expect((await stat(bundle)).size).toBeLessThan(600_000);
    const module = await import(bundle);
    expect(typeof module.handler).toBe('function');
    expect(await module.handler({ not: 'an event' })).toEqual({});
  });
});
