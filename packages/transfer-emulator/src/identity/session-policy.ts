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

interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  /** `s3:prefix` patterns from StringLike/StringEquals conditions; undefined = no condition. */
  prefixes: { patterns: string[]; like: boolean } | undefined;
}

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

/** A session policy, evaluated like IAM for the actions above: an explicit Deny wins, and nothing is allowed by default. */
export class SessionPolicy {
  readonly #statements: Statement[];

  private constructor(statements: Statement[]) {
    this.#statements = statements;
  }

  /** Parses the policy JSON; throws a SyntaxError/TypeError naming the problem when it is not a policy. */
  static parse(json: string): SessionPolicy {
    const document = JSON.parse(json) as { Statement?: unknown };
    const raw = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const statements = raw.map((item): Statement => {
      const statement = item as Record<string, unknown>;
      if (statement?.Effect !== 'Allow' && statement?.Effect !== 'Deny') {
        throw new SessionPolicyError('Policy: every Statement needs Effect Allow or Deny');
      }
      const condition = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
      const like = condition.StringLike?.['s3:prefix'];
      const equals = condition.StringEquals?.['s3:prefix'];
      return {
        effect: statement.Effect,
        actions: list(statement.Action),
        resources: list(statement.Resource),
        prefixes:
          like !== undefined
            ? { patterns: list(like), like: true }
            : equals !== undefined
              ? { patterns: list(equals), like: false }
              : undefined,
      };
    });
    return new SessionPolicy(statements);
  }

  allows(request: PolicyRequest): boolean {
    const arn =
      request.action === 's3:ListBucket'
        ? `arn:aws:s3:::${request.bucket}`
        : `arn:aws:s3:::${request.bucket}/${request.key}`;
    const matches = (statement: Statement) =>
      statement.actions.some((action) => matchesWildcard(action, request.action, true)) &&
      statement.resources.some((resource) => matchesWildcard(resource, arn)) &&
      (request.action !== 's3:ListBucket' ||
        statement.prefixes === undefined ||
        statement.prefixes.patterns.some((pattern) =>
          statement.prefixes?.like ? matchesWildcard(pattern, request.key) : pattern === request.key,
        ));
    const applicable = this.#statements.filter(matches);
    return applicable.some((s) => s.effect === 'Allow') && !applicable.some((s) => s.effect === 'Deny');
  }
}
