import { createHash, timingSafeEqual } from 'node:crypto';
import { InvalidUserRecordError } from './errors.js';
import {
  parseTransferIdpEvent,
  type TransferIdpEvent,
  type TransferIdpResponse,
  type TransferProtocol,
} from './event.js';
import { DUMMY_PASSWORD_HASHES, parsePasswordHash, verifyPassword } from './password-hash.js';
import { toTransferResponse } from './response.js';
import { checkSecretNameTemplate, DEFAULT_SECRET_NAME_TEMPLATE, secretNameFor } from './secret-name.js';
import type { UserLookup, UserStore } from './stores/user-store.js';
import { parseUserRecord, type UserRecord } from './user-record.js';

/** Why a login was denied, in the order the checks run. */
export type DenyReason =
  | 'invalid-event'
  | 'server-not-allowed'
  | 'lookup-failed'
  | 'unknown-user'
  | 'invalid-secret'
  | 'user-disabled'
  | 'protocol-not-allowed'
  | 'source-ip-not-allowed'
  | 'empty-password'
  | 'no-password-set'
  | 'wrong-password'
  | 'no-public-key';

/** How a login was allowed. */
export type AllowReason = 'password' | 'public-key';

interface DecisionBase {
  /** The secret consulted, when the event got that far. */
  secretName?: string;
  /** Whether the secret came from the store's cache. */
  cached?: boolean;
}

/** The outcome of one login: what to log (reason, detail) and what to hand Transfer (response). */
export type Decision =
  | (DecisionBase & { allowed: true; reason: AllowReason; response: TransferIdpResponse })
  | (DecisionBase & {
      allowed: false;
      reason: DenyReason;
      /** For logs: names the bad field or key, never a value. */
      detail?: string;
      response: Record<string, never>;
    });

export interface AuthenticateDeps {
  userStore: UserStore;
  /** @default 'aws/transfer/{serverId}/{username}' */
  secretNameTemplate?: string;
  /** Servers allowed to use this IdP; empty or missing allows any. */
  allowedServerIds?: readonly string[];
  /**
   * PHC hash that denials are verified against when no real hash was, so every denial past the user lookup costs
   * one hash verification. Give it the algorithm and cost your users' hashes have (see `DUMMY_PASSWORD_HASHES`).
   * @default DUMMY_PASSWORD_HASHES.scrypt
   */
  dummyPasswordHash?: string;
}

const dummyHashes = new Map<string, ReturnType<typeof parsePasswordHash>>();

// Templates checked so far (a deployment has one): the problem's message, or `null` for a usable template.
const templateProblems = new Map<string, string | null>();

function templateProblemOf(template: string): string | undefined {
  let problem = templateProblems.get(template);
  if (problem === undefined) {
    try {
      checkSecretNameTemplate(template);
      problem = null;
    } catch (error) {
      problem = (error as Error).message;
    }
    if (templateProblems.size >= 100) templateProblems.clear();
    templateProblems.set(template, problem);
  }
  return problem ?? undefined;
}

// Parsed records per secret object: a cached secret is the same object on every login, so it is read once.
const records = new WeakMap<object, Map<TransferProtocol, UserRecord | InvalidUserRecordError>>();

function recordFor(secret: unknown, protocol: TransferProtocol): UserRecord {
  if (typeof secret !== 'object' || secret === null) return parseUserRecord(secret, protocol);
  let byProtocol = records.get(secret);
  if (byProtocol === undefined) {
    byProtocol = new Map();
    records.set(secret, byProtocol);
  }
  let record = byProtocol.get(protocol);
  if (record === undefined) {
    try {
      record = parseUserRecord(secret, protocol);
    } catch (error) {
      if (!(error instanceof InvalidUserRecordError)) throw error;
      record = error;
    }
    byProtocol.set(protocol, record);
  }
  if (record instanceof InvalidUserRecordError) throw record;
  return record;
}

/**
 * Decides one Transfer Family login. Never throws: invalid events, malformed secrets and lookup failures deny
 * with a reason. Unknown users and wrong passwords get the same response in the same time.
 */
export async function authenticate(event: unknown, deps: AuthenticateDeps): Promise<Decision> {
  const parsed = parseTransferIdpEvent(event);
  if (!parsed.ok) return deny('invalid-event', parsed.problem);
  const login = parsed.event;

  const allowedServers = deps.allowedServerIds ?? [];
  if (allowedServers.length > 0 && !allowedServers.includes(login.serverId)) {
    return deny('server-not-allowed', `server ${login.serverId} is not in the allow-list`);
  }

  const template = deps.secretNameTemplate ?? DEFAULT_SECRET_NAME_TEMPLATE;
  const templateProblem = templateProblemOf(template);
  if (templateProblem !== undefined) return deny('lookup-failed', templateProblem);
  const secretName = secretNameFor(template, login);
  const context: DecisionBase = { secretName };
  const equalize = equalizer(login, deps);

  let lookup: UserLookup;
  try {
    lookup = await deps.userStore.find(secretName);
  } catch (error) {
    return deny('lookup-failed', (error as Error).message, context);
  }
  context.cached = lookup.cached;
  if (!lookup.found) return equalize(deny('unknown-user', undefined, context));

  let decision = await decide(login, lookup.secret, context, equalize);
  // A password that fails against a cached record may be a new one: read the secret again (rate-limited).
  if (!decision.allowed && decision.reason === 'wrong-password' && lookup.cached && deps.userStore.refresh) {
    let fresh: UserLookup | undefined;
    try {
      fresh = await deps.userStore.refresh(secretName);
    } catch {
      fresh = undefined; // The cached record's verdict stands.
    }
    // An unchanged secret keeps the verdict: deciding again would cost a second hash verification.
    if (fresh !== undefined && !(fresh.found && sameSecret(fresh.secret, lookup.secret))) {
      const refreshed = { ...context, cached: false };
      decision = fresh.found
        ? await decide(login, fresh.secret, refreshed, equalize)
        : await equalize(deny('unknown-user', undefined, refreshed));
    }
  }
  return decision;
}

async function decide(
  login: TransferIdpEvent,
  secret: unknown,
  context: DecisionBase,
  equalize: (d: Decision) => Promise<Decision>,
): Promise<Decision> {
  let record: UserRecord;
  try {
    record = recordFor(secret, login.protocol);
  } catch (error) {
    if (error instanceof InvalidUserRecordError) return equalize(deny('invalid-secret', error.message, context));
    return equalize(deny('invalid-secret', 'the secret could not be read', context));
  }
  if (record.disabled) return equalize(deny('user-disabled', undefined, context));
  if (record.allowedProtocols !== undefined && !record.allowedProtocols.includes(login.protocol)) {
    return equalize(deny('protocol-not-allowed', `${login.protocol} is not in AllowedProtocols`, context));
  }
  if (record.allowedSourceCidrs !== undefined && !record.allowedSourceCidrs.includes(login.sourceIp)) {
    return equalize(deny('source-ip-not-allowed', `${login.sourceIp} is outside AllowedSourceCidrs`, context));
  }

  const password = login.password ?? '';
  if (password === '') {
    // FTP and FTPS always send a password: an empty one must never reach the key branch.
    if (login.protocol !== 'SFTP') return equalize(deny('empty-password', undefined, context));
    if (record.publicKeys.length === 0) return equalize(deny('no-public-key', undefined, context));
    return allow('public-key', toTransferResponse(record, { publicKeys: true }), context);
  }

  if (record.passwordHash !== undefined) {
    let matches: boolean;
    try {
      matches = await verifyPassword(password, record.passwordHash);
    } catch {
      return deny('invalid-secret', 'PasswordHash could not be verified', context);
    }
    if (!matches) return deny('wrong-password', undefined, context);
  } else if (record.password !== undefined) {
    if (!plainPasswordsMatch(password, record.password)) return equalize(deny('wrong-password', undefined, context));
  } else {
    return equalize(deny('no-password-set', undefined, context));
  }
  return allow('password', toTransferResponse(record, { publicKeys: false }), context);
}

function sameSecret(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/**
 * Compares digests so neither length nor content leaks through timing. UTF-16 code units, not UTF-8: UTF-8 turns
 * every lone surrogate into U+FFFD, so different strings would match.
 */
function plainPasswordsMatch(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf16le')).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Makes a denial cost one password-hash verification (unless it already did), so that an unknown user, a wrong
 * plain-text password and a wrong hashed password all take the same time. Key logins do not verify a hash.
 */
function equalizer(login: TransferIdpEvent, deps: AuthenticateDeps) {
  return async (decision: Decision): Promise<Decision> => {
    const phc = deps.dummyPasswordHash ?? DUMMY_PASSWORD_HASHES.scrypt;
    let dummy = dummyHashes.get(phc);
    if (dummy === undefined) {
      try {
        dummy = parsePasswordHash(phc);
      } catch {
        dummy = parsePasswordHash(DUMMY_PASSWORD_HASHES.scrypt);
      }
      dummyHashes.set(phc, dummy);
    }
    await verifyPassword(login.password || 'closed-ftp-dummy', dummy).catch(() => false);
    return decision;
  };
}

function allow(reason: AllowReason, response: TransferIdpResponse, context: DecisionBase): Decision {
  return { ...context, allowed: true, reason, response };
}

function deny(reason: DenyReason, detail?: string, context: DecisionBase = {}): Decision {
  return { ...context, allowed: false, reason, ...(detail === undefined ? {} : { detail }), response: {} };
}
