/** One line of a step's transcript: what we sent, what the server replied, or what happened on a socket. */
export interface TranscriptLine {
  /** Milliseconds since the probe started. */
  atMs: number;
  direction: 'sent' | 'received' | 'event';
  text: string;
}

export const REDACTED = '****';

/** Collects transcript lines for the step that is running, with the password removed from every line. */
export class Transcript {
  #lines: TranscriptLine[] = [];
  constructor(
    readonly startedAt: number,
    readonly redact: (text: string) => string,
  ) {}

  add(direction: TranscriptLine['direction'], text: string): void {
    this.#lines.push({
      atMs: Math.round(performance.now() - this.startedAt),
      direction,
      text: this.redact(text),
    });
  }

  /** Hands over the lines gathered so far and starts a new list for the next step. */
  take(): TranscriptLine[] {
    const lines = this.#lines;
    this.#lines = [];
    return lines;
  }
}

/** A redactor removing every occurrence of the given secrets (fails closed: even short secrets are removed). */
export function redactor(secrets: Array<string | undefined>): (text: string) => string {
  const values = secrets.filter((value): value is string => typeof value === 'string' && value.length > 0);
  return (text) => values.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Removes the secrets from every string in the value (defence in depth: transcripts are already redacted). */
export function scrub<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrub(item, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, redact)])) as T;
  }
  return value;
}
