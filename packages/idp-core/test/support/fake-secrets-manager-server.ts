import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A failure the fake plays for every following request until `fault(undefined)`. */
export type FakeFault =
  | { kind: 'throttle' }
  | { kind: 'server-error'; status?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'access-denied' };

interface StoredSecret {
  arn: string;
  secretString: string;
  description?: string;
  versionId: string;
  createdAt: number;
  changedAt: number;
}

/**
 * FAKE AWS Secrets Manager: a local HTTP server speaking its JSON 1.1 protocol (`X-Amz-Target:
 * secretsmanager.<Operation>`), for use through the real SDK client with `endpoint` pointed at it. Supports
 * GetSecretValue, CreateSecret, PutSecretValue and DescribeSecret, and plays throttling, 5xx and slow answers.
 */
export class FakeSecretsManagerServer {
  readonly secrets = new Map<string, StoredSecret>();
  /** Every request received, in order. */
  readonly calls: { operation: string; secretId: string }[] = [];
  #fault: FakeFault | undefined;

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeSecretsManagerServer> {
    let fake: FakeSecretsManagerServer | undefined;
    const server = createServer((request, response) => {
      fake!.#serve(request, response).catch(() => response.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSecretsManagerServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The SDK client settings that point at this fake (dummy credentials: the fake does not check signatures). */
  get clientConfig() {
    return {
      endpoint: this.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret-access-key' },
    };
  }

  /** Stores a secret; objects are stored as their JSON text, as the console does. */
  put(name: string, secret: unknown): void {
    const now = Date.now() / 1000;
    const existing = this.secrets.get(name);
    this.secrets.set(name, {
      arn: existing?.arn ?? `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`,
      secretString: typeof secret === 'string' ? secret : JSON.stringify(secret),
      versionId: randomUUID(),
      createdAt: existing?.createdAt ?? now,
      changedAt: now,
      ...(existing?.description === undefined ? {} : { description: existing.description }),
    });
  }

  fault(fault: FakeFault | undefined): void {
    this.#fault = fault;
  }

  callCount(operation = 'GetSecretValue'): number {
    return this.calls.filter((call) => call.operation === operation).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('secretsmanager.') ? target.slice('secretsmanager.'.length) : target;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return send(response, 400, error('SerializationException', 'Request body is not JSON'));
    }
    const secretId = String(body.SecretId ?? body.Name ?? '');
    this.calls.push({ operation, secretId });

    const fault = this.#fault;
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'throttle') return send(response, 400, error('ThrottlingException', 'Rate exceeded'));
    if (fault?.kind === 'server-error') {
      return send(
        response,
        fault.status ?? 500,
        error('InternalServiceError', 'An error occurred on the server side.'),
      );
    }
    if (fault?.kind === 'access-denied') {
      return send(response, 400, error('AccessDeniedException', 'User is not authorized to perform this operation'));
    }
    if (response.destroyed) return;

    const stored = this.secrets.get(secretId);
    const notFound = () =>
      send(response, 400, error('ResourceNotFoundException', "Secrets Manager can't find the specified secret."));
    switch (operation) {
      case 'GetSecretValue':
        if (stored === undefined) return notFound();
        return send(response, 200, {
          ARN: stored.arn,
          Name: secretId,
          VersionId: stored.versionId,
          SecretString: stored.secretString,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: stored.changedAt,
        });
      case 'DescribeSecret':
        if (stored === undefined) return notFound();
        return send(response, 200, {
          ARN: stored.arn,
          Name: secretId,
          ...(stored.description === undefined ? {} : { Description: stored.description }),
          CreatedDate: stored.createdAt,
          LastChangedDate: stored.changedAt,
        });
      case 'CreateSecret': {
        if (stored !== undefined) {
          return send(
            response,
            400,
            error('ResourceExistsException', `The operation failed because the secret ${secretId} already exists.`),
          );
        }
        if (typeof body.SecretString !== 'string') {
          return send(response, 400, error('InvalidParameterException', 'SecretString is required here'));
        }
        this.put(secretId, body.SecretString);
        const created = this.secrets.get(secretId)!;
        if (typeof body.Description === 'string') created.description = body.Description;
        return send(response, 200, { ARN: created.arn, Name: secretId, VersionId: created.versionId });
      }
      case 'PutSecretValue': {
        if (stored === undefined) return notFound();
        if (typeof body.SecretString !== 'string') {
          return send(response, 400, error('InvalidParameterException', 'SecretString is required here'));
        }
        this.put(secretId, body.SecretString);
        const updated = this.secrets.get(secretId)!;
        return send(response, 200, { ARN: updated.arn, Name: secretId, VersionId: updated.versionId });
      }
      default:
        return send(
          response,
          400,
          error('UnknownOperationException', `FakeSecretsManagerServer does not play ${operation}`),
        );
    }
  }
}

function error(type: string, message: string) {
  return { __type: type, message };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  const errorType = (body as { __type?: string }).__type;
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  response.end(text);
}
