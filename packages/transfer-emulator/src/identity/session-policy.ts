import { SessionPolicyError } from '../errors.js';
import { matchesWildcard } from './wildcard.js';

/** The S3 actions the emulator checks against a session policy. */
export type S3Action = 's3:ListBucket' | 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject';

export interface PolicyRequest {
  action: S3Action;
  bucket: string;
  /** Object key, or for ListBucket the listed prefix. */
  key: string;
}

/** One `Condition` test: `operator` on `key` against `values`. */
interface ConditionTest {
  test: (value: string) => boolean;
  /** What the test gives when the request has no such key: IAM's rule for the operator. */
  whenAbsent: boolean;
}

interface Statement {
  effect: 'Allow' | 'Deny';
  /** Action patterns; with `negated`, the statement covers every action *not* matching them (NotAction). */
  actions: { patterns: string[]; negated: boolean };
  resources: { patterns: string[]; negated: boolean };
  /** Tests on `s3:prefix`, all of which must hold. */
  conditions: ConditionTest[];
}

/** The condition operators the emulator evaluates, as IAM does; any other refuses the policy at login. */
const OPERATORS: Record<string, (patterns: string[]) => (value: string) => boolean> = {
  StringEquals: (patterns) => (value) => patterns.includes(value),
  StringNotEquals: (patterns) => (value) => !patterns.includes(value),
  StringLike: (patterns) => (value) => patterns.some((pattern) => matchesWildcard(pattern, value)),
  StringNotLike: (patterns) => (value) => !patterns.some((pattern) => matchesWildcard(pattern, value)),
};

/** The only condition key the emulator's requests carry (on ListBucket); any other refuses the policy at login. */
const CONDITION_KEY = 's3:prefix';

export interface TransferVariables {
  userName: string;
  homeDirectory: string;
}

/** Replaces `${transfer:...}` variables as Transfer does before evaluating the policy. */
export function substituteTransferVariables(policy: string, variables: TransferVariables): string {
  const home = variables.homeDirectory.replace(/^\/+/, '');
  const [bucket = '', ...folder] = home.split('/');
  const values: Record<string, string> = {
    UserName: variables.userName,
    HomeDirectory: home,
    HomeBucket: bucket,
    HomeFolder: folder.join('/'),
  };
  return policy.replace(/\$\{transfer:(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return [];
}

function refuse(reason: string): never {
  throw new SessionPolicyError(
    `Policy: ${reason}, which the emulator cannot evaluate; remove it or test that part on AWS`,
  );
}

/** `Action`/`NotAction` (or `Resource`/`NotResource`): exactly one of the two. */
function patterns(statement: Record<string, unknown>, name: 'Action' | 'Resource'): Statement['actions'] {
  const plain = statement[name];
  const negated = statement[`Not${name}`];
  if ((plain === undefined) === (negated === undefined)) {
    throw new SessionPolicyError(`Policy: every Statement needs exactly one of ${name} and Not${name}`);
  }
  return { patterns: list(plain ?? negated), negated: negated !== undefined };
}

function conditions(condition: unknown): ConditionTest[] {
  if (condition === undefined) return [];
  if (typeof condition !== 'object' || condition === null)
    throw new SessionPolicyError('Policy: Condition must be an object');
  const tests: ConditionTest[] = [];
  for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
    const ifExists = operator.endsWith('IfExists');
    const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
    const make = OPERATORS[base];
    if (!make) refuse(`the condition operator ${operator}`);
    for (const [key, values] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
      if (key !== CONDITION_KEY) refuse(`the condition key ${key}`);
      // IAM: a missing key fails a positive operator and passes a negated one (StringNot...) or an ...IfExists.
      tests.push({ test: make(list(values)), whenAbsent: ifExists || base.startsWith('StringNot') });
    }
  }
  return tests;
}

/** A session policy, evaluated like IAM for the actions above: an explicit Deny wins, and nothing is allowed by default. */
export class SessionPolicy {
  readonly #statements: Statement[];

  private constructor(statements: Statement[]) {
    this.#statements = statements;
  }

  /**
   * Parses the policy JSON. Throws SyntaxError for bad JSON, SessionPolicyError for a document that is not a policy
   * or uses what the emulator cannot evaluate (a Principal, a condition operator or key other than the String ones
   * on `s3:prefix`): the login is then refused with that reason in the log, never evaluated half-way.
   */
  static parse(json: string): SessionPolicy {
    const document = JSON.parse(json) as { Statement?: unknown };
    const raw = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const statements = raw.map((item): Statement => {
      const statement = item as Record<string, unknown>;
      if (statement?.Effect !== 'Allow' && statement?.Effect !== 'Deny') {
        throw new SessionPolicyError('Policy: every Statement needs Effect Allow or Deny');
      }
      if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) refuse('a Principal');
      return {
        effect: statement.Effect,
        actions: patterns(statement, 'Action'),
        resources: patterns(statement, 'Resource'),
        conditions: conditions(statement.Condition),
      };
    });
    return new SessionPolicy(statements);
  }

  allows(request: PolicyRequest): boolean {
    const arn =
      request.action === 's3:ListBucket'
        ? `arn:aws:s3:::${request.bucket}`
        : `arn:aws:s3:::${request.bucket}/${request.key}`;
    const prefix = request.action === 's3:ListBucket' ? request.key : undefined;
    const covers = ({ patterns, negated }: Statement['actions'], value: string, ignoreCase: boolean) =>
      patterns.some((pattern) => matchesWildcard(pattern, value, ignoreCase)) !== negated;
    const matches = (statement: Statement) =>
      covers(statement.actions, request.action, true) &&
      covers(statement.resources, arn, false) &&
      statement.conditions.every((condition) => (prefix === undefined ? condition.whenAbsent : condition.test(prefix)));
    const applicable = this.#statements.filter(matches);
    return applicable.some((s) => s.effect === 'Allow') && !applicable.some((s) => s.effect === 'Deny');
  }
}
