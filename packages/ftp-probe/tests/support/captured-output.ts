import { vi } from 'vitest';

/** Everything `work` writes to stdout and stderr (Powertools writes there directly), captured instead of printed. */
export async function capturingOutput<T>(
  work: () => Promise<T>,
): Promise<{ result: T; text: string; lines: unknown[] }> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const result = await work();
    const text = written.join('');
    return { result, text, lines: jsonLines(text) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The JSON objects among the lines of a text (EMF records and JSON log lines). */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));
}
