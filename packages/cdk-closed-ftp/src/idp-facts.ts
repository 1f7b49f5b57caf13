// Props the IdP reads at run time, checked at construct time with the IdP's own validators (never a copy of them).
import {
  checkSecretNameTemplate,
  parseSourceCidrs,
  SecretNameTemplateError,
  USER_NAME_PATTERN,
} from '@closed-ftp/idp-lambda/facts';
import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { InvalidPropError } from './errors.js';

/** Throws `InvalidPropError` for `prop` if the IdP would refuse this secret name template. */
export function requireSecretNameTemplate(scope: IConstruct | string, prop: string, template: string): void {
  if (Token.isUnresolved(template)) return;
  try {
    checkSecretNameTemplate(template);
  } catch (error) {
    if (!SecretNameTemplateError.isInstance(error)) throw error;
    throw new InvalidPropError(prop, `${error.message}.`, { cause: error, scope });
  }
}

/** Throws `InvalidPropError` for `prop` if Transfer (and so the IdP) would refuse this user name. */
export function requireUserName(scope: IConstruct | string, prop: string, userName: string): void {
  if (Token.isUnresolved(userName) || USER_NAME_PATTERN.test(userName)) return;
  throw new InvalidPropError(
    prop,
    `'${userName}' is not a valid Transfer user name: use 3 to 100 letters, digits, '_', '@', '.' or '-', not starting with '@', '.' or '-'.`,
    { scope },
  );
}

/** Throws `InvalidPropError` for `prop` naming the first CIDR block the IdP could not read (it would deny every login). */
export function requireSourceCidrs(scope: IConstruct | string, prop: string, cidrs: readonly string[]): void {
  const literal = cidrs.filter((cidr) => !Token.isUnresolved(cidr));
  const parsed = parseSourceCidrs(literal);
  if (parsed.ok) return;
  throw new InvalidPropError(
    prop,
    `'${literal[parsed.index]}' is not an IPv4 or IPv6 CIDR block, e.g. '10.1.0.0/16' or '2001:db8::/32'.`,
    { scope },
  );
}
