import { createServer } from 'node:net';

function tryListen(port: number, host = '127.0.0.1'): Promise<number | undefined> {
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
  return (await tryListen(0, host))!;
}

/** A range of `count` consecutive ports free right now, found at run time (never a fixed range). */
export async function freePortRange(count: number, host = '127.0.0.1'): Promise<{ from: number; to: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const from = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let port = from; port < from + count && ok; port++) ok = (await tryListen(port, host)) !== undefined;
    if (ok) return { from, to: from + count - 1 };
  }
  throw new Error('no free port range found');
}
