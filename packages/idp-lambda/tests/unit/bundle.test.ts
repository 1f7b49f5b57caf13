import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Runs `work` with everything written to stdout captured instead of printed (Powertools writes there directly). */
async function capturingStdout<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    const result = await work();
    return {
      result,
      lines: written
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    };
  } finally {
    spy.mockRestore();
  }
}

describe('handlerBundleDir', () => {
  it('is an absolute folder holding index.mjs, a minified ESM bundle under 600 KB exporting handler, and its notices', async () => {
    const { handlerBundleDir } = (await import(dist)) as { handlerBundleDir: string };
    expect(handlerBundleDir).toBe(fileURLToPath(new URL('../../dist/bundle', import.meta.url)));
    expect(await readdir(handlerBundleDir)).toEqual(['THIRD-PARTY-NOTICES.txt', 'index.mjs']);
    // The licences of what the bundle inlines travel with it: Powertools (MIT-0) and the AWS SDK (Apache-2.0).
    const notices = await readFile(join(handlerBundleDir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^@aws-lambda-powertools\/logger@[\d.]+ \(MIT-0\)$/m);
    expect(notices).toMatch(/^@aws-sdk\/client-secrets-manager@[\d.]+ \(Apache-2\.0\)$/m);
    expect(notices).not.toMatch(/^@closed-ftp\/[a-z-]+@/m);
    const bundle = join(handlerBundleDir, 'index.mjs');
    expect((await stat(bundle)).size).toBeLessThan(600_000);
    const module = await import(bundle);
    expect(typeof module.handler).toBe('function');
    const { result, lines } = await capturingStdout(() => module.handler({ not: 'an event' }));
    expect(result).toEqual({});
    // What it wrote: one JSON log line for the decision and one embedded-metric-format record.
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'INFO', message: 'login denied', decision: 'deny', reason: 'invalid-event' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ LoginDenied: 1, Reason: 'invalid-event' }));
  });
});
