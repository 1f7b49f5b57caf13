import { createServer } from 'node:net';

function tryListen(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port free right now (the kernel picks it). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const port = await tryListen(0, host);
  if (port === undefined) throw new Error(`cannot listen on ${host}: is it an address of this machine?`);
  return port;
}

/** `count` consecutive ports free right now, found at run time (never a fixed range). */
export async function freePortRange(count: number, host = '127.0.0.1'): Promise<{ from: number; to: number }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const from = 20_000 + Math.floor(Math.random() * (40_000 - count));
    let free = true;
    for (let port = from; port < from + count && free; port++) free = (await tryListen(port, host)) !== undefined;
    if (free) return { from, to: from + count - 1 };
  }
  throw new Error(`no ${count} consecutive free ports found on ${host}`);
}
