import { SecretNameTemplateError } from '@closed-ftp/idp-core';
import { describe, expect, it } from 'vitest';
import { HandlerConfigError, IdpLambdaError, readHandlerConfig } from '../../src/index.js';

describe('readHandlerConfig', () => {
  it('has safe defaults', () => {
    expect(readHandlerConfig({})).toEqual({
      secretNameTemplate: 'aws/transfer/{serverId}/{username}',
      allowedServerIds: [],
      cacheTtlSeconds: 60,
      negativeCacheTtlSeconds: 10,
      lookupTimeoutMs: 2000,
      refreshIntervalSeconds: 10,
      passwordHashAlgorithm: 'scrypt',
    });
  });

  it('reads every variable', () => {
    expect(
      readHandlerConfig({
        SECRET_NAME_TEMPLATE: 'ftp/{serverId}/{username}',
        ALLOWED_SERVER_IDS: ' s-0123456789abcdef0 ,s-00000000000000000,',
        CACHE_TTL_SECONDS: '300',
        NEGATIVE_CACHE_TTL_SECONDS: '0',
        SECRET_LOOKUP_TIMEOUT_MS: '1500',
        MISMATCH_REFRESH_INTERVAL_SECONDS: '30',
        PASSWORD_HASH_ALGORITHM: 'argon2id',
        USER_STORE_FILE: '/tmp/users.json',
      }),
    ).toEqual({
      secretNameTemplate: 'ftp/{serverId}/{username}',
      allowedServerIds: ['s-0123456789abcdef0', 's-00000000000000000'],
      cacheTtlSeconds: 300,
      negativeCacheTtlSeconds: 0,
      lookupTimeoutMs: 1500,
      refreshIntervalSeconds: 30,
      passwordHashAlgorithm: 'argon2id',
      userStoreFile: '/tmp/users.json',
    });
  });

  it.each([
    ['SECRET_NAME_TEMPLATE', { SECRET_NAME_TEMPLATE: 'aws/transfer/{serverId}' }],
    ['SECRET_NAME_TEMPLATE', { SECRET_NAME_TEMPLATE: '{user}/{username}' }],
    ['ALLOWED_SERVER_IDS', { ALLOWED_SERVER_IDS: 's-0123456789abcdef0 s-1' }],
    ['CACHE_TTL_SECONDS', { CACHE_TTL_SECONDS: '-1' }],
    ['CACHE_TTL_SECONDS', { CACHE_TTL_SECONDS: '1.5' }],
    ['NEGATIVE_CACHE_TTL_SECONDS', { NEGATIVE_CACHE_TTL_SECONDS: 'ten' }],
    ['SECRET_LOOKUP_TIMEOUT_MS', { SECRET_LOOKUP_TIMEOUT_MS: '10' }],
    ['SECRET_LOOKUP_TIMEOUT_MS', { SECRET_LOOKUP_TIMEOUT_MS: '999999' }],
    ['PASSWORD_HASH_ALGORITHM', { PASSWORD_HASH_ALGORITHM: 'bcrypt' }],
  ])('rejects a bad %s, naming it', (name, env) => {
    expect(() => readHandlerConfig(env)).toThrow(HandlerConfigError);
    expect(() => readHandlerConfig(env)).toThrow(name);
    const error = (() => {
      try {
        readHandlerConfig(env);
      } catch (caught) {
        return caught;
      }
    })();
    expect(IdpLambdaError.isInstance(error)).toBe(true);
    expect((error as HandlerConfigError).variable).toBe(name);
    // Names the variable, never its value (a template is a name pattern, quoted on purpose).
    if (name !== 'SECRET_NAME_TEMPLATE') {
      for (const value of Object.values(env)) expect((error as Error).message).not.toContain(value);
    }
  });

  it('a bad SECRET_NAME_TEMPLATE is rejected by the IdP validator: the cause is its SecretNameTemplateError', () => {
    const error = (() => {
      try {
        readHandlerConfig({ SECRET_NAME_TEMPLATE: 'ftp/{server}/{username}' });
      } catch (caught) {
        return caught;
      }
    })() as HandlerConfigError;
    expect(error).toBeInstanceOf(HandlerConfigError);
    expect(error.cause).toBeInstanceOf(SecretNameTemplateError);
    expect(error.message).toMatch(/^SECRET_NAME_TEMPLATE .*\{server\}.*\{serverId\} and \{username\}/);
  });
});
