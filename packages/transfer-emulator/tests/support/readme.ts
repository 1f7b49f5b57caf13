import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The package README, as users read it. */
export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's fenced code blocks, in order, with their language. */
export function readmeCodeBlocks(): Array<{ language: string; code: string }> {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1]!,
    code: match[2]!,
  }));
}

/** True when nothing listens on any of these ports of 127.0.0.1 right now. */
export async function portsFree(ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => done(true)));
    });
    if (!free) return false;
  }
  return true;
}
