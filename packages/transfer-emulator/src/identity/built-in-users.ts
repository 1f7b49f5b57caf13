import { createHash, timingSafeEqual } from 'node:crypto';
import { EmulatorOptionError } from '../errors.js';
import type { IdentityProvider } from './identity-provider.js';
import { USER_NAME_PATTERN } from './transfer-names.js';

/** The role the built-in users are given: no AWS account is involved, so any well-formed ARN does. */
export const BUILT_IN_USER_ROLE = 'arn:aws:iam::000000000000:role/transfer-emulator-user';

/** One `--user name:password`. */
export interface BuiltInUser {
  name: string;
  password: string;
}

/** Parses `name:password` (the password may hold `:`); the error never repeats the value, which holds a password. */
export function parseBuiltInUser(text: string): BuiltInUser {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) {
    throw new EmulatorOptionError('--user', 'expected <name>:<password> as one argument, like --user alice:secret');
  }
  const name = text.slice(0, colon);
  if (!USER_NAME_PATTERN.test(name)) {
    throw new EmulatorOptionError(
      '--user',
      `user name ${JSON.stringify(name)} is not one Transfer accepts: use 3-100 letters, digits, _ @ . - (a letter, digit or _ first)`,
    );
  }
  return { name, password: text.slice(colon + 1) };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * An identity provider for `--user`: each user's home is the one bucket (`/` is `/<bucket>`, a LOGICAL home, so
 * nothing outside it is reachable); a wrong password or an unknown user gets `{}`, Transfer's deny.
 */
export function builtInUsersIdentityProvider(users: readonly BuiltInUser[], bucket: string): IdentityProvider {
  const passwords = new Map<string, Buffer>();
  for (const user of users) {
    if (passwords.has(user.name)) {
      throw new EmulatorOptionError('--user', `${user.name} is given twice: give each user once`);
    }
    passwords.set(user.name, digest(user.password));
  }
  const home = JSON.stringify([{ Entry: '/', Target: `/${bucket}` }]);
  return ({ username, password }) => {
    const expected = passwords.get(username);
    // Digests of equal length, compared in constant time: the answer's timing says nothing about the password.
    const allowed = expected !== undefined && timingSafeEqual(expected, digest(password ?? ''));
    return allowed ? { Role: BUILT_IN_USER_ROLE, HomeDirectoryType: 'LOGICAL', HomeDirectoryDetails: home } : {};
  };
}
