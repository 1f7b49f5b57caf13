import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * FakeAwsServer: a local HTTP endpoint speaking the EC2 query protocol (XML) and Transfer's JSON 1.1 protocol,
 * enough for live mode with no servers. `throttle` makes the first N calls of an action answer 503
 * RequestLimitExceeded, as EC2 does under load, so the SDK's retry path is exercised for real.
 */
export class FakeAwsServer {
  readonly calls: string[] = [];
  private server: Server | undefined;

  constructor(private readonly throttle: Record<string, number> = {}) {}

  async start(): Promise<string> {
    this.server = createServer(async (request, response) => {
      const body = await read(request);
      const target = request.headers['x-amz-target'];
      const action =
        typeof target === 'string' ? target.split('.')[1]! : (new URLSearchParams(body).get('Action') ?? '?');
      this.calls.push(action);
      const remaining = this.throttle[action] ?? 0;
      if (remaining > 0) {
        this.throttle[action] = remaining - 1;
        response.writeHead(503, { 'content-type': 'text/xml' });
        response.end(
          '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code>' +
            '<Message>Request limit exceeded.</Message></Error></Errors><RequestID>fake</RequestID></Response>',
        );
        return;
      }
      if (typeof target === 'string') {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(action === 'ListServers' ? { Servers: [] } : {}));
        return;
      }
      const vpcs =
        action === 'DescribeVpcs'
          ? '<vpcSet><item><vpcId>vpc-0fake</vpcId><cidrBlock>10.0.0.0/16</cidrBlock><state>available</state></item></vpcSet>'
          : '';
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
          `<requestId>fake</requestId>${vpcs}</${action}Response>`,
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

async function read(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}
