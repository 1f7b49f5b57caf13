import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeXml, toEc2Xml } from './ec2-xml.js';

export interface WireRequest {
  operation: string;
  input: Record<string, unknown>;
}

/** How one AWS protocol reads a request and writes answers, errors and garbage. */
export interface WireProtocol {
  read(request: IncomingMessage, body: string): WireRequest;
  answer(response: ServerResponse, operation: string, output: unknown): void;
  error(response: ServerResponse, status: number, code: string, message: string): void;
  garbage(response: ServerResponse): void;
  /** What the service answers when it throttles, and for an internal error. */
  throttle: { status: number; code: string; message: string };
  internalError: { code: string; message: string };
}

function send(response: ServerResponse, status: number, contentType: string, text: string, extra = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...extra,
  });
  response.end(text);
}

/** AWS JSON 1.1 (Secrets Manager, Transfer, SSM): `X-Amz-Target: <prefix>.<Operation>`, JSON in and out. */
export function awsJson(targetPrefix: string): WireProtocol {
  const type = 'application/x-amz-json-1.1';
  return {
    read(request, body) {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(`${targetPrefix}.`) ? target.slice(targetPrefix.length + 1) : target;
      const input = JSON.parse(body || '{}') as Record<string, unknown>;
      return { operation, input };
    },
    answer: (response, _operation, output) => send(response, 200, type, JSON.stringify(output ?? {})),
    error: (response, status, code, message) =>
      send(response, status, type, JSON.stringify({ __type: code, message }), { 'x-amzn-errortype': code }),
    garbage: (response) => send(response, 200, type, '{"this is not": json at all'),
    throttle: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' },
    internalError: { code: 'InternalServiceError', message: 'An error occurred on the server side.' },
  };
}

/** The EC2 query protocol: a form-encoded `Action=...` body, XML answers. */
export function ec2Query(): WireProtocol {
  const type = 'text/xml;charset=UTF-8';
  return {
    read(_request, body) {
      const params = Object.fromEntries(new URLSearchParams(body));
      const { Action: operation = '', Version: _version, ...input } = params;
      return { operation, input };
    },
    answer: (response, operation, output) =>
      send(
        response,
        200,
        type,
        `<?xml version="1.0" encoding="UTF-8"?><${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
          `<requestId>${randomUUID()}</requestId>${toEc2Xml(output ?? {})}</${operation}Response>`,
      ),
    error: (response, status, code, message) =>
      send(
        response,
        status,
        type,
        `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
          `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`,
      ),
    garbage: (response) => send(response, 200, type, '<?xml version="1.0"?><DescribeVpcsResponse><vpcSet><item>'),
    throttle: { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' },
    internalError: { code: 'InternalError', message: 'An internal error has occurred.' },
  };
}
