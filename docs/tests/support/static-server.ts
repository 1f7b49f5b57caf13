// A static host for docs/dist, like GitHub Pages: the base path, cleanUrls, gzip. It counts the bytes it sends per
// request, which is what the page-weight budget is measured on.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR, fileForPath } from './site.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.png': 'image/png',
};

export interface SentResponse {
  path: string;
  status: number;
  /** Bytes on the wire (gzip-compressed body). */
  bytes: number;
  /** A speculative fetch (`<link rel="prefetch">` of a linked page), not something the page itself needs. */
  prefetch: boolean;
}

export interface StaticSite {
  origin: string;
  /** Every response sent so far, in order. */
  sent: SentResponse[];
  close(): Promise<void>;
}

export async function serveSite(): Promise<StaticSite> {
  const sent: SentResponse[] = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = fileForPath(path);
    const body = file === undefined ? await readFile(join(DIST_DIR, '404.html')) : await readFile(join(DIST_DIR, file));
    const status = file === undefined ? 404 : 200;
    const compressed = gzipSync(body);
    const purpose = String(request.headers['sec-purpose'] ?? request.headers.purpose ?? '');
    sent.push({ path, status, bytes: compressed.length, prefetch: purpose.includes('prefetch') });
    response.writeHead(status, {
      'content-type': TYPES[extname(file ?? '404.html')] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
      'content-length': compressed.length,
      'cache-control': 'no-store',
    });
    response.end(compressed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
