import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FakeAwsEndpoint, type FakeAwsOptions } from '@closed-ftp/test-support/fake-aws';

const JSON_1_1 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'Logs_20140328.';

function send(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, {
    'content-type': JSON_1_1,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...extra,
  });
  response.end(text);
}

/**
 * FAKE CloudWatch Logs (JSON 1.1, `Logs_20140328.<Operation>`), e.g. FilterLogEvents. Written here because
 * test-support's fakes do not include it and its JSON 1.1 wire protocol is not exported (same shape as its awsJson).
 */
export class FakeCloudWatchLogs extends FakeAwsEndpoint {
  static start(options: FakeAwsOptions = {}): Promise<FakeCloudWatchLogs> {
    return new FakeCloudWatchLogs(
      {
        read(request, body) {
          const target = String(request.headers['x-amz-target'] ?? '');
          const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
          return { operation, input: JSON.parse(body || '{}') as Record<string, unknown> };
        },
        answer: (response, _operation, output) => send(response, 200, JSON.stringify(output ?? {})),
        error: (response, status, code, message) =>
          send(response, status, JSON.stringify({ __type: code, message }), { 'x-amzn-errortype': code }),
        garbage: (response) => send(response, 200, '{"this is not": json at all'),
        throttle: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
        internalError: { code: 'ServiceUnavailableException', message: 'The service cannot complete the request.' },
      },
      { ...options.handlers },
    ).listen();
  }
}
