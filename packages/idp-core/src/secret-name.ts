/** Where the official template keeps a user's secret. */
export const DEFAULT_SECRET_NAME_TEMPLATE = 'aws/transfer/{serverId}/{username}';

/** A configuration value the IdP cannot start with. */
export class IdpConfigurationError extends Error {
  override name = 'IdpConfigurationError';
}

/** Checks a template: it must contain `{username}` (or every user would share one secret) and no other braces. */
export function checkSecretNameTemplate(template: string): void {
  if (!template.includes('{username}')) {
    throw new IdpConfigurationError(
      'secret name template must contain {username}, e.g. aws/transfer/{serverId}/{username}',
    );
  }
  if (/[{}]/.test(template.replaceAll('{username}', '').replaceAll('{serverId}', ''))) {
    throw new IdpConfigurationError('secret name template may only use the placeholders {serverId} and {username}');
  }
}

export function secretNameFor(template: string, event: { serverId: string; username: string }): string {
  return template.replaceAll('{serverId}', event.serverId).replaceAll('{username}', event.username);
}
