import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import { JsonFileUserStore, UserLookupError, UserStoreFileError } from '../../src/index.js';

describe('JsonFileUserStore', () => {
  const temp = useTempDir('idp-core');

  it('finds secrets by name and sees edits at once', async () => {
    const file = join(temp.path, 'users.json');
    await writeFile(file, JSON.stringify({ 'aws/transfer/s/alice': { Role: 'r' } }));
    const store = new JsonFileUserStore(file);
    expect(await store.find('aws/transfer/s/alice')).toEqual({ found: true, secret: { Role: 'r' }, cached: false });
    expect(await store.find('aws/transfer/s/bob')).toEqual({ found: false, cached: false });
    expect(await store.find('toString')).toEqual({ found: false, cached: false });
    await writeFile(file, JSON.stringify({ 'aws/transfer/s/bob': { Role: 'r' } }));
    expect((await store.find('aws/transfer/s/bob')).found).toBe(true);
  });

  it('fails closed, naming the file but not its content, when it is missing or not JSON', async () => {
    await expect(new JsonFileUserStore(join(temp.path, 'missing.json')).find('x')).rejects.toThrow(
      /cannot read user store file/,
    );
    const bad = join(temp.path, 'bad.json');
    await writeFile(bad, '{"aws/transfer/s/alice": {"Password": "leaky-secret"');
    const error = await new JsonFileUserStore(bad).find('x').catch((e) => e);
    expect(error).toBeInstanceOf(UserLookupError);
    expect(error).toBeInstanceOf(UserStoreFileError);
    expect(error.path).toBe(bad);
    expect(error.message).toContain('bad.json');
    expect(`${error.message}${error.cause ?? ''}`).not.toContain('leaky-secret');
    await writeFile(bad, '[1]');
    await expect(new JsonFileUserStore(bad).find('x')).rejects.toThrow(/keyed by secret name/);
  });
});
