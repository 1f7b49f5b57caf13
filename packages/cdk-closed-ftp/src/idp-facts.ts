// Props the IdP reads at run time, checked at construct time with the IdP's own validators (never a copy of them).
// The build inlines `@closed-ftp/idp-lambda/facts` (no runtime dependency): what this package exports from it is
// typed here without naming it, so the public .d.ts needs no package it does not depend on.
import {
  checkSecretNameTemplate,
  DEFAULT_SECRET_NAME_TEMPLATE as IDP_DEFAULT_SECRET_NAME_TEMPLATE,
  SERVER_ID_PATTERN as IDP_SERVER_ID_PATTERN,
  USER_NAME_PATTERN as IDP_USER_NAME_PATTERN,
  secretNameFor as idpSecretNameFor,
  parseSourceCidrs,
  SecretNameTemplateError,
} from '@closed-ftp/idp-lambda/facts';
import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { InvalidPropError } from './errors.js';

/** The secret name template of AWS's official Secrets Manager IdP, the IdP's default. */
export const DEFAULT_SECRET_NAME_TEMPLATE: string = IDP_DEFAULT_SECRET_NAME_TEMPLATE;
/** A Transfer server id, as the IdP checks it. */
export const SERVER_ID_PATTERN: RegExp = IDP_SERVER_ID_PATTERN;
/** A Transfer user name, as the IdP checks it. */
export const USER_NAME_PATTERN: RegExp = IDP_USER_NAME_PATTERN;
/** The secret the IdP reads for a user: `template` with `{serverId}` and `{username}` filled in. */
export const secretNameFor: (template: string, event: { serverId: string; username: string }) => string =
  idpSecretNameFor;

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
