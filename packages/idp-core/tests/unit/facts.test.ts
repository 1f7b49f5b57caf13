import { fileURLToPath } from 'node:url';
import { bundleInputs } from '@closed-ftp/test-support';
import { describe, expect, it } from 'vitest';
import * as facts from '../../src/facts.js';
import * as root from '../../src/index.js';

const FACTS = [
  'DEFAULT_SECRET_NAME_TEMPLATE',
  'SERVER_ID_PATTERN',
  'SecretNameTemplateError',
  'USER_NAME_PATTERN',
  'checkSecretNameTemplate',
  'parseSourceCidrs',
  'secretNameFor',
];

describe('@closed-ftp/idp-core/facts', () => {
  it('exports exactly the Transfer facts, the same objects as the package root', () => {
    expect(Object.keys(facts).sort()).toEqual(FACTS);
    const everything: Record<string, unknown> = { ...root };
    for (const [name, value] of Object.entries(facts)) expect(value, name).toBe(everything[name]);
  });

  it('loads neither the AWS SDK nor hash-wasm (every module it pulls in, bundled)', async () => {
    const inputs = await bundleInputs(fileURLToPath(new URL('../../src/facts.ts', import.meta.url)));
    expect(inputs.filter((input) => /@aws-sdk|hash-wasm|node_modules/.test(input))).toEqual([]);
    expect(inputs.map((input) => input.replace(/^(.*\/)?src\//, '')).sort()).toEqual([
      'errors.ts',
      'facts.ts',
      'secret-name.ts',
      'source-cidrs.ts',
      'transfer-names.ts',
    ]);
  });
});

describe('USER_NAME_PATTERN and SERVER_ID_PATTERN', () => {
  it.each(['abc', 'alice', 'a_b', 'user@example.com', 'first.last-2', 'a'.repeat(100), '_ab'])(
    '%s is a user name',
    (n) => expect(facts.USER_NAME_PATTERN.test(n)).toBe(true),
  );
  it.each(['ab', '-alice', '.alice', '@alice', 'a'.repeat(101), 'al ice', 'al/ice', 'alice\n'])(
    '%j is not a user name',
    (n) => expect(facts.USER_NAME_PATTERN.test(n)).toBe(false),
  );
  it('a server id is s- and 17 lowercase hex digits', () => {
    expect(facts.SERVER_ID_PATTERN.test('s-0123456789abcdef0')).toBe(true);
    for (const id of ['s-0123456789ABCDEF0', 's-0123456789abcdef', 's-0123456789abcdef01', 'S-0123456789abcdef0']) {
      expect(facts.SERVER_ID_PATTERN.test(id), id).toBe(false);
    }
  });
  it('are stateless (no g or y flag): the same answer every time', () => {
    for (const pattern of [facts.USER_NAME_PATTERN, facts.SERVER_ID_PATTERN]) expect(pattern.flags).toBe('');
  });
});

describe('checkSecretNameTemplate', () => {
  it.each([
    'aws/transfer/{serverId}/{username}',
    'ftp/{username}',
    '{username}',
    'ftp-users/{serverId}-{username}',
    'a+b=c.d@e_f/{username}',
  ])('accepts %s', (template) => expect(() => facts.checkSecretNameTemplate(template)).not.toThrow());

  it('rejects ftp/{server}/{username}, naming the template and the allowed placeholders', () => {
    const template = 'ftp/{server}/{username}';
    let error: unknown;
    try {
      facts.checkSecretNameTemplate(template);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(facts.SecretNameTemplateError);
    expect(error).toBeInstanceOf(root.IdpConfigurationError);
    expect(root.IdpConfigurationError.isInstance(error)).toBe(true);
    expect(root.IdpError.isInstance(error)).toBe(true);
    expect((error as Error).name).toBe('SecretNameTemplateError');
    expect((error as InstanceType<typeof facts.SecretNameTemplateError>).template).toBe(template);
    const { message } = error as Error;
    expect(message).toContain(template);
    expect(message).toContain('{server}');
    expect(message).toContain('{serverId}');
    expect(message).toContain('{username}');
  });

  it.each([
    ['aws/transfer/{serverId}', 'must contain {username}'],
    ['', 'must contain {username}'],
    ['{user}/{username}', 'uses {user}'],
    ['ftp/{}/{username}', 'uses {}'],
    ['ftp/{username', 'must contain {username}'],
    ['ftp/{serverId}}/{username}', 'brace'],
    ['ftp/{{username}', 'brace'],
    ['ftp/*/{username}', '"*"'],
    ['ftp users/{username}', '" "'],
    [' ftp/{username}', '" "'],
    ['ftp/\u00e9/{username}', 'letters, digits'],
    [`${'x'.repeat(413)}/{username}`, 'at most 512'],
  ])('rejects %j (%s)', (template, problem) => {
    expect(() => facts.checkSecretNameTemplate(template)).toThrow(facts.SecretNameTemplateError);
    expect(() => facts.checkSecretNameTemplate(template)).toThrow(problem);
    expect(() => facts.checkSecretNameTemplate(template)).toThrow(
      'the only placeholders are {serverId} and {username}',
    );
  });

  it('allows names up to the 512 characters Secrets Manager allows, counting the longest user name', () => {
    expect(() => facts.checkSecretNameTemplate(`${'x'.repeat(411)}/{username}`)).not.toThrow();
  });

  it('rejects a value that is not a string (from JavaScript or an untyped config)', () => {
    expect(() => facts.checkSecretNameTemplate(42 as unknown as string)).toThrow(facts.SecretNameTemplateError);
  });
});

describe('secretNameFor and parseSourceCidrs', () => {
  it('fills every placeholder', () => {
    expect(
      facts.secretNameFor('x/{serverId}/{username}/{username}', { serverId: 's-0123456789abcdef0', username: 'al' }),
    ).toBe('x/s-0123456789abcdef0/al/al');
    expect(facts.secretNameFor(facts.DEFAULT_SECRET_NAME_TEMPLATE, { serverId: 's-1', username: 'bob' })).toBe(
      'aws/transfer/s-1/bob',
    );
  });

  it('reads IPv4, IPv6 and bare addresses, and names the first bad entry by index', () => {
    const parsed = facts.parseSourceCidrs(['10.0.0.0/8', ' 2001:db8::/32 ', '192.0.2.7']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.cidrs.includes('10.9.9.9')).toBe(true);
    expect(parsed.cidrs.includes('192.0.2.7')).toBe(true);
    expect(parsed.cidrs.includes('192.0.2.8')).toBe(false);
    expect(parsed.cidrs.includes('::ffff:10.1.1.1')).toBe(true);
    expect(facts.parseSourceCidrs(['10.0.0.0/8', '10.0.0.0/33'])).toEqual({ ok: false, index: 1 });
    expect(facts.parseSourceCidrs(['10.0.0.0/'])).toEqual({ ok: false, index: 0 });
    expect(facts.parseSourceCidrs(['fd00::/129'])).toEqual({ ok: false, index: 0 });
  });
});
