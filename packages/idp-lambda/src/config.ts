import { DEFAULT_SECRET_NAME_TEMPLATE, type PasswordHashAlgorithm } from '@closed-ftp/idp-core';
import { checkSecretNameTemplate, SERVER_ID_PATTERN, SecretNameTemplateError } from '@closed-ftp/idp-core/facts';
import { HandlerConfigError } from './errors.js';

/** The handler's settings, read from environment variables. */
export interface HandlerConfig {
  secretNameTemplate: string;
  allowedServerIds: string[];
  cacheTtlSeconds: number;
  negativeCacheTtlSeconds: number;
  lookupTimeoutMs: number;
  refreshIntervalSeconds: number;
  /** The algorithm of the users' `PasswordHash`es, so denials take as long as a wrong password does. */
  passwordHashAlgorithm: PasswordHashAlgorithm;
  /** Local JSON file of secrets instead of Secrets Manager: for local use only. */
  userStoreFile?: string;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) {
    throw new HandlerConfigError(name, `must be a whole number from 0 to ${max}`);
  }
  return Number(text);
}

/** Reads and checks the configuration; throws `HandlerConfigError` naming the variable and the fix. */
export function readHandlerConfig(env: NodeJS.ProcessEnv = process.env): HandlerConfig {
  const secretNameTemplate = env.SECRET_NAME_TEMPLATE?.trim() || DEFAULT_SECRET_NAME_TEMPLATE;
  try {
    checkSecretNameTemplate(secretNameTemplate);
  } catch (error) {
    if (!SecretNameTemplateError.isInstance(error)) throw error;
    throw new HandlerConfigError('SECRET_NAME_TEMPLATE', `is not usable: ${error.message}`, { cause: error });
  }
  const allowedServerIds = (env.ALLOWED_SERVER_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const badServer = allowedServerIds.findIndex((id) => !SERVER_ID_PATTERN.test(id));
  if (badServer >= 0) {
    throw new HandlerConfigError(
      'ALLOWED_SERVER_IDS',
      `must be comma-separated server ids like s-0123456789abcdef0; entry ${badServer + 1} is not one`,
    );
  }
  const lookupTimeoutMs = wholeNumber(env, 'SECRET_LOOKUP_TIMEOUT_MS', 2000, 60_000);
  if (lookupTimeoutMs < 50) throw new HandlerConfigError('SECRET_LOOKUP_TIMEOUT_MS', 'must be at least 50');
  const passwordHashAlgorithm = env.PASSWORD_HASH_ALGORITHM?.trim() || 'scrypt';
  if (passwordHashAlgorithm !== 'scrypt' && passwordHashAlgorithm !== 'argon2id') {
    throw new HandlerConfigError('PASSWORD_HASH_ALGORITHM', 'must be scrypt or argon2id');
  }
  const userStoreFile = env.USER_STORE_FILE?.trim();
  return {
    secretNameTemplate,
    allowedServerIds,
    cacheTtlSeconds: wholeNumber(env, 'CACHE_TTL_SECONDS', 60, 86_400),
    negativeCacheTtlSeconds: wholeNumber(env, 'NEGATIVE_CACHE_TTL_SECONDS', 10, 86_400),
    lookupTimeoutMs,
    refreshIntervalSeconds: wholeNumber(env, 'MISMATCH_REFRESH_INTERVAL_SECONDS', 10, 86_400),
    passwordHashAlgorithm,
    ...(userStoreFile ? { userStoreFile } : {}),
  };
}
