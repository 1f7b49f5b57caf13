// The CommonJS build (dist/index.cjs), as a CommonJS app's ts-node or jest loads it, next to the ESM one.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createTempDir, freePortRange } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import { openControl } from '../support/raw-control.js';
import { sampleIdp } from '../support/test-emulator.js';

// The builds, not the sources; through a URL, so type-checking needs no build (the types are the sources').
const require = createRequire(import.meta.url);
const esm = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');
const cjs = require('../../dist/index.cjs') as typeof esm;

describe('the CommonJS build', () => {
  it('exports what the ESM build exports', () => {
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(cjs.FAULT_NAMES).toEqual(esm.FAULT_NAMES);
  });

  it('serves a login, as the ESM build does', async () => {
    const temp = await createTempDir('transfer-emulator-cjs');
    try {
      await mkdir(join(temp.path, 'bucket', 'home', 'alice'), { recursive: true });
      const emulator = await cjs.startEmulator({
        root: temp.path,
        idp: sampleIdp,
        port: 0,
        passivePorts: await freePortRange(2),
      });
      try {
        const control = await openControl(emulator.host, emulator.port);
        try {
          expect((await control.login('alice', 'wonderland')).code).toBe(230);
        } finally {
          control.close();
        }
      } finally {
        await emulator.close();
      }
    } finally {
      await temp.remove();
    }
  });

  it("throws errors the ESM build's isInstance recognises (the Symbol.for marker), though instanceof cannot", async () => {
    const thrown: unknown = await cjs.startEmulator({ root: '/tmp', idp: sampleIdp, port: 70000 }).catch((e) => e);
    expect(esm.EmulatorOptionError.isInstance(thrown)).toBe(true);
    expect(esm.EmulatorError.isInstance(thrown)).toBe(true);
    expect(thrown instanceof esm.EmulatorOptionError).toBe(false);
  });
});
