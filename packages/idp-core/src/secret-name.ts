import { SecretNameTemplateError } from './errors.js';

/** Where the official template keeps a user's secret. */
export const DEFAULT_SECRET_NAME_TEMPLATE = 'aws/transfer/{serverId}/{username}';

const PLACEHOLDERS = ['{serverId}', '{username}'] as const;
const ALLOWED = `the only placeholders are ${PLACEHOLDERS.join(' and ')}, e.g. ${DEFAULT_SECRET_NAME_TEMPLATE}`;
// Secrets Manager names: ASCII letters, digits and /_+=.@- only, at most 512 characters.
const NAME_CHARACTER = /^[A-Za-z0-9/_+=.@-]$/;
const MAX_SECRET_NAME_LENGTH = 512;
const LONGEST = { '{serverId}': 19, '{username}': 100 } as const;

/**
 * Checks a secret name template exactly as the IdP reads it: it must contain `{username}` (or every user would share
 * one secret), no placeholder but `{serverId}` and `{username}`, and otherwise only the characters Secrets Manager
 * allows in a name. Throws `SecretNameTemplateError` naming the template and the allowed placeholders.
 */
export function checkSecretNameTemplate(template: string): void {
  if (typeof template !== 'string') {
    throw new SecretNameTemplateError(String(template), `secret name template must be a string; ${ALLOWED}`);
  }
  const fail = (problem: string) =>
    new SecretNameTemplateError(template, `secret name template "${template}" ${problem}; ${ALLOWED}`);
  for (const [placeholder] of template.matchAll(/\{[^{}]*\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(placeholder)) throw fail(`uses ${placeholder}`);
  }
  if (!template.includes('{username}')) throw fail('must contain {username}');
  let literal = template;
  for (const placeholder of PLACEHOLDERS) literal = literal.replaceAll(placeholder, '');
  if (/[{}]/.test(literal)) throw fail('has a brace outside a placeholder');
  const bad = [...literal].find((character) => !NAME_CHARACTER.test(character));
  if (bad !== undefined) {
    throw fail(
      `has ${JSON.stringify(bad)}, which a Secrets Manager name cannot hold (letters, digits and /_+=.@- only)`,
    );
  }
  let longest = literal.length;
  for (const placeholder of PLACEHOLDERS) longest += (template.split(placeholder).length - 1) * LONGEST[placeholder];
  if (longest > MAX_SECRET_NAME_LENGTH) {
    throw fail(`can make names of ${longest} characters; Secrets Manager allows at most ${MAX_SECRET_NAME_LENGTH}`);
  }
}

/** The secret name of one user on one server. Check the template first with `checkSecretNameTemplate`. */
export function secretNameFor(template: string, event: { serverId: string; username: string }): string {
  return template.replaceAll('{serverId}', event.serverId).replaceAll('{username}', event.username);
}
