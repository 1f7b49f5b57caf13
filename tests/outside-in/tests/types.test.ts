// A usage file per package type-checks against the installed .d.ts files, skipLibCheck off, under each resolution.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '@closed-ftp/test-support';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { userEnv } from '../support/commands.js';
import { FIXTURES } from '../support/paths.js';

const { esmApp, tmp } = inject('outsideIn');

const RESOLUTIONS = {
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const;

beforeAll(() => {
  cpSync(join(FIXTURES, 'usage'), join(esmApp, 'usage'), { recursive: true });
});

describe.each(Object.entries(RESOLUTIONS))('moduleResolution %s, skipLibCheck false', (name, resolution) => {
  it('every usage file type-checks, with every .d.ts it reaches', async () => {
    const config = join(esmApp, `tsconfig.${name}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          target: 'ES2022',
          lib: ['ES2023'],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          types: ['node'],
        },
        include: ['usage/*.ts'],
      }),
    );
    const result = await runProcess(
      process.execPath,
      [join(esmApp, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'],
      { cwd: esmApp, env: userEnv(tmp), timeoutMs: 300_000 },
    );
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
