import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { FtpSession, type SessionServices } from './control/ftp-session.js';
import { BlockedDataPorts } from './data/blocked-data-ports.js';
import { PassivePortPool } from './data/passive-port-pool.js';
import { EmulatorOptionError, InjectedIdentityProviderError, PortInUseError } from './errors.js';
import { type IdentityProvider, loadIdentityProvider } from './identity/identity-provider.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { LocalFolderStorage } from './storage/local-folder-storage.js';
import type { Storage } from './storage/storage.js';
import { UnreachableStorage } from './storage/unreachable-storage.js';

/** A started emulator: where it listens, and how to stop it. */
export interface RunningEmulator {
  host: string;
  port: number;
  passivePorts: { from: number; to: number };
  serverId: string;
  /** The certificate in use when FTPS is on (self-signed unless one was given), for clients to trust. */
  certificate: string | undefined;
  /** Closes every session (421) and every port. */
  close(): Promise<void>;
}

async function openStorage(options: ResolvedOptions): Promise<Storage> {
  const storage = options.storage;
  if (storage && !('type' in storage)) return storage;
  if (storage?.type === 's3') {
    // Loaded only when used: the AWS SDK is most of the emulator's memory otherwise.
    const { S3Storage } = await import('./storage/s3-storage.js');
    return new S3Storage(storage);
  }
  const root = options.root!;
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new EmulatorOptionError('root', `${root} is not an existing folder; create it first`);
  return new LocalFolderStorage(root);
}

async function identityProviderFor(options: ResolvedOptions): Promise<IdentityProvider> {
  if (options.faults.has('idp-timeout')) return () => new Promise(() => {}); // a handler that never answers
  if (options.faults.has('idp-error')) {
    return () => {
      throw new InjectedIdentityProviderError('injected fault idp-error: the identity provider failed');
    };
  }
  return typeof options.idp === 'string' ? loadIdentityProvider(options.idp) : options.idp;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new PortInUseError(port, host, { cause: error })
          : error,
      );
    });
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Starts an FTP/FTPS server that behaves like an AWS Transfer Family endpoint. */
export async function startEmulator(emulatorOptions: EmulatorOptions): Promise<RunningEmulator> {
  const options = resolveOptions(emulatorOptions);
  // The storage faults are substitutes, like the IdP and port faults: the real storage is still checked first.
  const realStorage = await openStorage(options);
  const storage = options.faults.has('storage-unreachable') ? new UnreachableStorage() : realStorage;
  const identityProvider = await identityProviderFor(options);

  let tlsContext: SecureContext | undefined;
  let freshTlsContext: (() => SecureContext) | undefined;
  let certificate: string | undefined;
  if (options.ftps) {
    const pems =
      options.ftps.cert !== undefined && options.ftps.key !== undefined
        ? { cert: options.ftps.cert, key: options.ftps.key }
        : await (await import('./tls/self-signed-certificate.js')).generateSelfSignedCertificate(options.host);
    try {
      tlsContext = createSecureContext({ ...pems, minVersion: 'TLSv1.2' });
    } catch (error) {
      throw new EmulatorOptionError('ftps', `the certificate or key is not usable PEM: ${(error as Error).message}`, {
        cause: error,
      });
    }
    freshTlsContext = () => createSecureContext({ ...pems, minVersion: 'TLSv1.2' });
    certificate = pems.cert.toString();
  }

  const passivePorts = options.faults.has('data-ports-blocked')
    ? await BlockedDataPorts.open(options.host, options.passivePorts)
    : await PassivePortPool.open(options.host, options.passivePorts);

  const services: SessionServices = { options, identityProvider, storage, passivePorts, tlsContext, freshTlsContext };
  const sessions = new Set<FtpSession>();
  const server = createServer((socket) => {
    const session = new FtpSession(socket, services);
    sessions.add(session);
    session.closed.then(() => sessions.delete(session));
  });
  let port: number;
  try {
    port = await listen(server, options.host, options.port);
  } catch (error) {
    await passivePorts.close();
    throw error;
  }
  options.logger({
    time: new Date().toISOString(),
    level: 'info',
    event: 'listening',
    message: `ftp${tlsContext ? '+ftps' : ''}://${options.host}:${port} passive ${options.passivePorts.from}-${options.passivePorts.to}${options.faults.size ? ` faults ${[...options.faults].join(',')}` : ''}`,
  });

  let closing: Promise<void> | undefined;
  return {
    host: options.host,
    port,
    passivePorts: options.passivePorts,
    serverId: options.serverId,
    certificate,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        for (const session of sessions) session.close();
        await Promise.all([...sessions].map((session) => session.closed));
        await passivePorts.close();
        await stopped;
        options.logger({ time: new Date().toISOString(), level: 'info', event: 'closed' });
      })();
      return closing;
    },
  };
}
