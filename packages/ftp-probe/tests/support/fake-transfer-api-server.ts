import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type FakeAnswer =
  | { status: 200; body: Record<string, unknown> }
  | { status: number; errorType: string; message: string }
  | 'hang';

/**
 * FakeTransferApiServer: a local HTTP endpoint speaking the Transfer API's JSON 1.1 protocol for
 * `TransferService.TestIdentityProvider`, answering from a list (the last answer repeats).
 */
export class FakeTransferApiServer {
  readonly requests: Array<{ target: string | undefined; body: Record<string, unknown> }> = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(answers: FakeAnswer[]): Promise<FakeTransferApiServer> {
    let fake: FakeTransferApiServer | undefined;
    const hanging: ServerResponse[] = [];
    const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
      let text = '';
      for await (const chunk of request) text += chunk;
      fake!.requests.push({
        target: request.headers['x-amz-target'] as string | undefined,
        body: JSON.parse(text || '{}'),
      });
      const answer = answers[Math.min(fake!.requests.length - 1, answers.length - 1)]!;
      if (request.headers['x-amz-target'] !== 'TransferService.TestIdentityProvider') {
        response.writeHead(400, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': 'UnknownOperationException',
        });
        response.end('{}');
        return;
      }
      if (answer === 'hang') {
        hanging.push(response);
        return;
      }
      if ('errorType' in answer) {
        response.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': answer.errorType,
        });
        response.end(JSON.stringify({ __type: answer.errorType, Message: answer.message }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(answer.body));
    });
    server.on('close', () => {
      for (const response of hanging) response.destroy();
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    fake = new FakeTransferApiServer(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
