import { fileURLToPath } from 'node:url';
import * as core from '@closed-ftp/idp-core/facts';
import { bundleInputs } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import * as facts from '../../src/facts.js';

describe('@closed-ftp/idp-lambda/facts', () => {
  it("re-exports exactly idp-core's Transfer facts, the same objects", () => {
    expect(Object.keys(facts).sort()).toEqual([
      'DEFAULT_SECRET_NAME_TEMPLATE',
      'SERVER_ID_PATTERN',
      'SecretNameTemplateError',
      'USER_NAME_PATTERN',
      'checkSecretNameTemplate',
      'parseSourceCidrs',
      'secretNameFor',
    ]);
    const original: Record<string, unknown> = { ...core };
    for (const [name, value] of Object.entries(facts)) expect(value, name).toBe(original[name]);
  });

  it('rejects ftp/{server}/{username} with the IdP validator, naming the template and the placeholders', () => {
    expect(() => facts.checkSecretNameTemplate('ftp/{server}/{username}')).toThrow(facts.SecretNameTemplateError);
    expect(() => facts.checkSecretNameTemplate('ftp/{server}/{username}')).toThrow(
      /"ftp\/\{server\}\/\{username\}".*\{serverId\} and \{username\}/,
    );
  });

  it('loads neither the handler, Powertools, the AWS SDK nor hash-wasm (every module it pulls in, bundled)', async () => {
    for (const entry of ['../../src/facts.ts', '../../dist/facts.js']) {
      const inputs = await bundleInputs(fileURLToPath(new URL(entry, import.meta.url)));
      expect(
        inputs.some((input) => input.includes('idp-core/dist/facts.js')),
        entry,
      ).toBe(true);
      expect(
        inputs.filter((input) => /@aws-sdk|@aws-lambda-powertools|hash-wasm|handler|config|password-hash/.test(input)),
        entry,
      ).toEqual([]);
    }
  });
});
