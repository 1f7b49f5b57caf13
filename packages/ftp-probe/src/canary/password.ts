import type { GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { within } from '../deadline.js';
import { CanarySecretError } from '../errors.js';
import type { SecretsManagerClientLike } from './handler.js';

/**
 * Reads the user's password from a Secrets Manager secret: the user's own Transfer secret (JSON with `Password`)
 * or a plain-string secret holding only the password. The SDK is loaded on first use.
 */
export async function readPasswordSecret(
  secretId: string,
  timeoutMs: number,
  client?: SecretsManagerClientLike,
): Promise<string> {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  const secrets: SecretsManagerClientLike =
    client ??
    new sdk.SecretsManagerClient({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    });
  const abort = new AbortController();
  try {
    const output = (await within(
      secrets.send(new sdk.GetSecretValueCommand({ SecretId: secretId }), { abortSignal: abort.signal }),
      timeoutMs,
      'GetSecretValue of FTP_PASSWORD_SECRET_ID',
      () => abort.abort(),
    )) as GetSecretValueCommandOutput;
    if (typeof output.SecretString !== 'string' || output.SecretString === '') {
      throw new CanarySecretError(
        `secret ${secretId} (FTP_PASSWORD_SECRET_ID) has no SecretString: store the password as a string or as JSON with Password`,
      );
    }
    return passwordOf(output.SecretString, secretId);
  } catch (error) {
    if (CanarySecretError.isInstance(error)) throw error;
    const name = (error as Error).name;
    throw new CanarySecretError(
      `cannot read secret ${secretId} (FTP_PASSWORD_SECRET_ID): ${name}; allow secretsmanager:GetSecretValue on it for the canary's role and, in a closed VPC, give the subnets a Secrets Manager interface endpoint`,
      { cause: error },
    );
  } finally {
    if (!client) secrets.destroy();
  }
}

function passwordOf(text: string, secretId: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: the secret is the password itself (and the parse error, which quotes the text, is dropped).
    return text;
  }
  if (value === null || typeof value !== 'object') return text;
  const password = (value as { Password?: unknown }).Password;
  if (typeof password !== 'string' || password === '') {
    throw new CanarySecretError(
      `secret ${secretId} (FTP_PASSWORD_SECRET_ID) is JSON without a Password string: a PasswordHash cannot be sent, give the canary a secret with Password`,
    );
  }
  return password;
}
