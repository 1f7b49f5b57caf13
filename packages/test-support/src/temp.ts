import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const open = new Set<string>();
// A test process that dies between create and remove still leaves nothing behind.
process.once('exit', () => {
  for (const path of open) rmSync(path, { recursive: true, force: true });
});

/** A new folder in the temp dir; `remove()` it (or `await using` it) when done. */
export async function createTempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `${prefix.replace(/-$/, '')}-`));
  open.add(path);
  const remove = async () => {
    await rm(path, { recursive: true, force: true, maxRetries: 3 });
    open.delete(path);
  };
  return { path, remove, [Symbol.asyncDispose]: remove };
}

/** A temp folder for the tests of the surrounding `describe` (or file): made before them, removed after them. */
export function useTempDir(prefix: string): { readonly path: string } {
  let dir: TempDir | undefined;
  beforeAll(async () => {
    dir = await createTempDir(prefix);
  });
  afterAll(async () => {
    await dir?.remove();
  });
  return {
    get path() {
      if (dir === undefined) throw new Error('useTempDir: the folder exists only inside tests and hooks');
      return dir.path;
    },
  };
}
