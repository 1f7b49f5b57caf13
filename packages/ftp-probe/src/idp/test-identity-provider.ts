import { isIPv4 } from 'node:net';
import {
  TestIdentityProviderCommand,
  type TestIdentityProviderCommandOutput,
  TransferClient,
} from '@aws-sdk/client-transfer';
import { within } from '../deadline.js';
import { IdentityProviderDeniedError } from '../errors.js';
import type { IdpTestOptions, TransferClientLike } from '../options.js';
import type { ProbeSession, StepContext } from '../session.js';

/**
 * Step 10 (optional): asks Transfer to call the server's identity provider for the user, with the same password.
 * Loaded lazily: the AWS SDK is only evaluated when this step runs.
 */
export async function testIdentityProvider(
  session: ProbeSession,
  step: StepContext,
  options: IdpTestOptions,
): Promise<string> {
  const budget = session.deadline.budget(session.timeouts.idp);
  const client: TransferClientLike =
    options.client ??
    new TransferClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      maxAttempts: 2,
      requestHandler: { connectionTimeout: budget, requestTimeout: budget },
    });
  const localIp = session.control?.socket.localAddress?.replace(/^::ffff:/, '');
  const sourceIp = options.sourceIp ?? (localIp && isIPv4(localIp) ? localIp : undefined);
  const command = new TestIdentityProviderCommand({
    ServerId: options.serverId,
    UserName: session.target.user,
    UserPassword: session.options.password,
    ServerProtocol: session.target.secure ? 'FTPS' : 'FTP',
    ...(sourceIp ? { SourceIp: sourceIp } : {}),
  });
  step.evidence.serverId = options.serverId;
  step.evidence.sourceIp = sourceIp;
  session.transcript.add('event', `TestIdentityProvider ${options.serverId} user ${session.target.user}`);
  const abort = new AbortController();
  try {
    const output = (await within(
      client.send(command, { abortSignal: abort.signal }),
      budget,
      'TestIdentityProvider',
      () => abort.abort(),
    )) as TestIdentityProviderCommandOutput;
    const response = parseResponse(output.Response);
    Object.assign(step.evidence, {
      statusCode: output.StatusCode,
      message: output.Message,
      url: output.Url,
      responseKeys: Object.keys(response),
      homeDirectoryType: response.HomeDirectoryType,
    });
    session.transcript.add('event', `StatusCode ${output.StatusCode}, Message ${JSON.stringify(output.Message ?? '')}`);
    if (typeof response.Role !== 'string' || response.Role.trim() === '') {
      throw new IdentityProviderDeniedError(
        `the identity provider denied ${session.target.user}: ${output.Message ?? 'empty response'} (StatusCode ${output.StatusCode})`,
      );
    }
    step.evidence.role = response.Role;
    return `the identity provider accepts ${session.target.user}: Role ${response.Role}`;
  } catch (error) {
    if (error instanceof Error && !IdentityProviderDeniedError.isInstance(error)) {
      step.evidence.errorName = error.name;
      step.evidence.httpStatus = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    }
    throw error;
  } finally {
    if (!options.client) client.destroy();
  }
}

function parseResponse(text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
