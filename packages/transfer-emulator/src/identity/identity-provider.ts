import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IdentityProviderLoadError } from '../errors.js';

/** The event Transfer Family sends to a custom identity provider (same shape as `@closed-ftp/idp-core`). */
export interface TransferIdpEvent {
  username: string;
  password?: string;
  protocol: 'SFTP' | 'FTP' | 'FTPS';
  serverId: string;
  sourceIp: string;
}

/** What the identity provider answers; `{}` (no Role) denies. */
export interface TransferIdpResponse {
  Role?: string;
  Policy?: string;
  HomeDirectoryType?: 'PATH' | 'LOGICAL' | string;
  HomeDirectory?: string;
  HomeDirectoryDetails?: string;
  PosixProfile?: { Uid: number; Gid: number; SecondaryGids?: number[] };
  PublicKeys?: string[];
}

/** Any function with the Lambda handler's shape (the context argument is optional and may be ignored). */
export type IdentityProvider = (event: TransferIdpEvent, context?: unknown) => Promise<unknown> | unknown;

/** A bare npm package name (`@closed-ftp/idp-lambda`, `my-idp/handler`), not a file path. */
const PACKAGE_NAME = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*(\/[^\\]*)?$/;

/**
 * Where `specifier` is: a file path (relative to the current folder) when such a file exists or it looks like a
 * path; otherwise a package name resolved from the current folder, as `node` run there would resolve it.
 */
export function resolveIdentityProviderModule(specifier: string, cwd = process.cwd()): string {
  const asPath = resolve(cwd, specifier);
  if (existsSync(asPath) || !PACKAGE_NAME.test(specifier)) return asPath;
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(specifier);
  } catch (error) {
    throw new IdentityProviderLoadError(
      `idp: ${specifier} is neither a file nor a package installed where you run this (${cwd}): install it there (npm install ${specifier}) or give the path of a module exporting \`handler\``,
      { cause: error },
    );
  }
}

/** Loads `handler` from a module path (relative paths resolve from the current directory) or a package name. */
export async function loadIdentityProvider(modulePath: string): Promise<IdentityProvider> {
  let module: { handler?: unknown; default?: { handler?: unknown } };
  const location = resolveIdentityProviderModule(modulePath);
  try {
    module = await import(pathToFileURL(location).href);
  } catch (error) {
    throw new IdentityProviderLoadError(
      `idp: cannot load module ${modulePath} (${(error as Error).message}); give the path of a JavaScript module that exports \`handler\``,
      { cause: error },
    );
  }
  const handler = module.handler ?? module.default?.handler;
  if (typeof handler !== 'function') {
    throw new IdentityProviderLoadError(`idp: module ${modulePath} does not export a \`handler\` function`);
  }
  return handler as IdentityProvider;
}

/** The parts of a Lambda context handlers commonly read (request id, remaining time). */
function lambdaContext(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  return {
    functionName: 'transfer-emulator-idp',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:transfer-emulator-idp',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/transfer-emulator-idp',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

export type IdentityProviderOutcome =
  | { kind: 'response'; response: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout' };

/** Calls the handler like Transfer calls a Lambda: bounded in time, and a throw is an error, not a crash. */
export async function callIdentityProvider(
  provider: IdentityProvider,
  event: TransferIdpEvent,
  timeoutMs: number,
): Promise<IdentityProviderOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<IdentityProviderOutcome>((done) => {
    timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
  });
  const call = (async (): Promise<IdentityProviderOutcome> => {
    try {
      return { kind: 'response', response: await provider({ ...event }, lambdaContext(timeoutMs)) };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
