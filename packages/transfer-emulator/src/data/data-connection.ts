import type { Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SecureContext, TLSSocket } from 'node:tls';
import { Reply } from '../control/reply.js';
import { sendsItself } from '../storage/local-file-io.js';
import type { PassiveExpectation } from './passive-port-pool.js';

/** How long a transfer command waits for the client's data connection (RFC 959 gives no number; vsftpd waits 60 s). */
const DATA_CONNECT_WAIT_MS = 60_000;

/** The client's data connection for a reservation, or undefined when it does not come in time or the session ends. */
export async function awaitDataConnection(
  expectation: PassiveExpectation,
  sessionClosed: Promise<void>,
): Promise<Socket | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      expectation.connection,
      new Promise<undefined>((done) => {
        timer = setTimeout(() => done(undefined), DATA_CONNECT_WAIT_MS);
      }),
      sessionClosed.then(() => undefined),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    expectation.cancel(); // a no-op once the connection arrived
  }
}

/**
 * TLS on a data connection (PROT P). With `enforceResumption` (Transfer's ENFORCED) a connection that does not
 * resume the control connection's session is refused with 522; `started` receives the TLS socket at once, so an
 * ABOR can reach it during the handshake.
 */
export async function secureDataConnection(
  plain: Socket,
  context: SecureContext,
  enforceResumption: boolean,
  started: (secure: TLSSocket) => void,
): Promise<TLSSocket> {
  const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
  started(secure);
  secure.on('error', () => {});
  await new Promise<void>((done, fail) => {
    secure.once('secure', done);
    secure.once('error', fail);
    secure.once('close', () => fail(new Error('data connection closed during TLS handshake')));
  }).catch((error) => {
    throw new Reply(522, [`TLS handshake on the data connection failed: ${(error as Error).message}`]);
  });
  if (enforceResumption && !secure.isSessionReused()) {
    // The text two independent reports quote from Transfer.
    throw new Reply(522, ['Data connection must use cached TLS session']);
  }
  return secure;
}

/** Writes the whole body to the data socket and closes it cleanly (TLS close_notify included); returns the bytes sent. */
export async function sendBody(data: Socket, body: Readable | string, counted: (bytes: number) => void): Promise<void> {
  const before = data.bytesWritten;
  try {
    if (sendsItself(body)) await body.sendTo(data);
    else await pipeline(typeof body === 'string' ? textStream(body) : body, data);
  } finally {
    counted(data.bytesWritten - before);
  }
}

function textStream(text: string): Readable {
  const stream = new PassThrough();
  stream.end(text);
  return stream;
}
