import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useTempDir } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';
import * as root from '../../src/index.js';
import {
  AssemblyPathError,
  ClientCidrError,
  CloudAssemblyError,
  checkTopology,
  InputError,
  InputFileError,
  loadCdkOut,
  loadSnapshot,
  loadTemplateFile,
  loadTemplateText,
  NetworkCheckError,
  SnapshotError,
  TemplateShapeError,
  TemplateSyntaxError,
  UsageError,
} from '../../src/index.js';

const MARKER = Symbol.for('closed-ftp.network-check.error');
const temp = useTempDir('network-check-errors');
const SECRET = 'hunter2-not-for-logs';

describe('errors', () => {
  it('every error class is exported from the package root, each a NetworkCheckError', () => {
    const classes = Object.entries(errors);
    const exported = new Map(Object.entries(root));
    expect(classes.length).toBeGreaterThan(10);
    for (const [name, type] of classes) {
      expect(exported.get(name)).toBe(type);
      const error = new (type as typeof NetworkCheckError)('m', { cause: 'why' });
      expect(error.name).toBe(name);
      expect(error.cause).toBe('why');
      expect(NetworkCheckError.isInstance(error)).toBe(true);
      expect((type as typeof NetworkCheckError).isInstance(error)).toBe(true);
    }
  });

  it('isInstance follows the family, and works for a copy from another install (the marker, not instanceof)', () => {
    const error = new AssemblyPathError('outside');
    expect([CloudAssemblyError.isInstance(error), InputError.isInstance(error), UsageError.isInstance(error)]).toEqual([
      true,
      true,
      false,
    ]);
    const copy = Object.assign(new Error('from another copy'), {
      [MARKER]: ['SnapshotVersionError', 'SnapshotError', 'InputError', 'NetworkCheckError'],
    });
    expect(copy instanceof NetworkCheckError).toBe(false);
    expect([SnapshotError.isInstance(copy), InputError.isInstance(copy), InputFileError.isInstance(copy)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(NetworkCheckError.isInstance(new Error('plain'))).toBe(false);
    expect(NetworkCheckError.isInstance(null)).toBe(false);
    expect(NetworkCheckError.isInstance({ [MARKER]: 'not a list' })).toBe(false);
  });

  it('one class per failure', async () => {
    await expect(loadTemplateFile(join(temp.path, 'missing.json'))).rejects.toBeInstanceOf(InputFileError);
    expect(() => loadTemplateText('{ "Resources": ', 'bad.json')).toThrow(TemplateSyntaxError);
    expect(() => loadTemplateText('Resources: [1, 2', 'bad.yaml')).toThrow(TemplateSyntaxError);
    expect(() => loadTemplateText('[]', 'list.json')).toThrow(TemplateShapeError);
    expect(() =>
      checkTopology(root.emptyTopology({ kind: 'template', location: 'x' }), { clientCidrs: ['x'] }),
    ).toThrow(ClientCidrError);
  });

  it('parse errors give the position and never quote the file, nor carry a cause that does', async () => {
    const json = `{\n  "Resources": { "Password": "${SECRET}" x }\n}`;
    const jsonError = (() => {
      try {
        loadTemplateText(json, 't.json');
      } catch (error) {
        return error as Error;
      }
    })();
    expect(jsonError?.message).toBe('t.json is not valid JSON at line 2, column 53; fix the file or pass YAML.');
    expect(jsonError?.cause).toBeUndefined();
    const yamlError = (() => {
      try {
        loadTemplateText(`Resources:\n  Password: "${SECRET}\n  : [`, 't.yaml');
      } catch (error) {
        return error as Error;
      }
    })();
    expect(yamlError?.message).toMatch(
      /^t\.yaml is not valid YAML \([A-Z_]+ at line \d+, column \d+\); fix the file\.$/,
    );
    expect(yamlError?.cause).toBeUndefined();
    const snapshot = join(temp.path, 'snapshot.json');
    await writeFile(snapshot, `{"version": 2, "secret": "${SECRET}"`);
    const snapshotError = (await loadSnapshot(snapshot).catch((e: Error) => e)) as Error;
    expect(SnapshotError.isInstance(snapshotError)).toBe(true);
    const assembly = join(temp.path, 'assembly');
    await mkdir(assembly);
    await writeFile(join(assembly, 'manifest.json'), `{"artifacts": "${SECRET}`);
    const manifestError = (await loadCdkOut(assembly).catch((e: Error) => e)) as Error;
    expect(CloudAssemblyError.isInstance(manifestError)).toBe(true);
    for (const error of [jsonError, yamlError, snapshotError, manifestError]) {
      expect(JSON.stringify({ message: error?.message, cause: String(error?.cause) })).not.toContain(SECRET);
    }
  });
});
