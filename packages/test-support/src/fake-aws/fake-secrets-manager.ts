import { randomUUID } from 'node:crypto';
import { FakeAwsEndpoint, type FakeAwsOptions, type FakeHandlers } from './fake-aws-endpoint.js';
import { FakeAwsError } from './faults.js';
import { awsJson } from './wire-protocol.js';

export interface StoredSecret {
  arn: string;
  secretString: string;
  description?: string;
  versionId: string;
  createdAt: number;
  changedAt: number;
}

/**
 * FAKE AWS Secrets Manager (JSON 1.1, `secretsmanager.<Operation>`) holding secrets in memory: GetSecretValue,
 * DescribeSecret, CreateSecret and PutSecretValue answer as the service does; handlers may add or replace operations.
 */
export class FakeSecretsManager extends FakeAwsEndpoint {
  readonly secrets = new Map<string, StoredSecret>();

  static start(options: FakeAwsOptions = {}): Promise<FakeSecretsManager> {
    const fake: FakeSecretsManager = new FakeSecretsManager(awsJson('secretsmanager'), {});
    for (const [operation, handler] of Object.entries({ ...fake.#builtIn(), ...options.handlers })) {
      fake.on(operation, handler);
    }
    return fake.listen();
  }

  /** Stores a secret; an object is stored as its JSON text, as the console does. */
  put(name: string, secret: unknown): StoredSecret {
    const now = Date.now() / 1000;
    const existing = this.secrets.get(name);
    const stored: StoredSecret = {
      arn: existing?.arn ?? `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`,
      secretString: typeof secret === 'string' ? secret : JSON.stringify(secret),
      versionId: randomUUID(),
      createdAt: existing?.createdAt ?? now,
      changedAt: now,
      ...(existing?.description === undefined ? {} : { description: existing.description }),
    };
    this.secrets.set(name, stored);
    return stored;
  }

  #find(input: Record<string, unknown>): { name: string; stored: StoredSecret } {
    const name = String(input.SecretId ?? '');
    const stored = this.secrets.get(name);
    if (stored === undefined) {
      throw new FakeAwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    return { name, stored };
  }

  #builtIn(): FakeHandlers {
    const secretString = (input: Record<string, unknown>) => {
      if (typeof input.SecretString !== 'string') {
        throw new FakeAwsError('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
      }
      return input.SecretString;
    };
    return {
      GetSecretValue: (input) => {
        const { name, stored } = this.#find(input);
        return {
          ARN: stored.arn,
          Name: name,
          VersionId: stored.versionId,
          SecretString: stored.secretString,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: stored.changedAt,
        };
      },
      DescribeSecret: (input) => {
        const { name, stored } = this.#find(input);
        return {
          ARN: stored.arn,
          Name: name,
          ...(stored.description === undefined ? {} : { Description: stored.description }),
          CreatedDate: stored.createdAt,
          LastChangedDate: stored.changedAt,
        };
      },
      CreateSecret: (input) => {
        const name = String(input.Name ?? '');
        if (this.secrets.has(name)) {
          throw new FakeAwsError(
            'ResourceExistsException',
            `The operation failed because the secret ${name} already exists.`,
          );
        }
        const created = this.put(name, secretString(input));
        if (typeof input.Description === 'string') created.description = input.Description;
        return { ARN: created.arn, Name: name, VersionId: created.versionId };
      },
      PutSecretValue: (input) => {
        const { name } = this.#find(input);
        const updated = this.put(name, secretString(input));
        return { ARN: updated.arn, Name: name, VersionId: updated.versionId };
      },
    };
  }
}
