import { StringDecoder } from 'node:string_decoder';

/** One complete FTP reply: a three-digit code and its text lines (multi-line replies keep every line). */
export interface FtpReply {
  code: number;
  /** Every line of the reply as sent, without line endings. */
  lines: string[];
}

/** A line the server sent that is not part of any valid reply. */
export interface MalformedLine {
  malformed: string;
}

// A server that never sends a line ending must not make us buffer forever.
const MAX_LINE_LENGTH = 8192;
// Nor may an endless multi-line reply: FEAT, the longest reply the probe asks for, has a few dozen lines.
const MAX_REPLY_LINES = 1000;

/**
 * Turns the control connection's byte stream into replies (RFC 959 §4.2): replies may span packets, and multi-line
 * replies run from `ddd-` to the first line starting with the same `ddd ` (or a bare `ddd`).
 */
export class ReplyParser {
  readonly #decoder = new StringDecoder('utf8');
  #buffer = '';
  #open: FtpReply | undefined;

  /** Feeds received bytes; returns the replies (and malformed lines) completed by them, in order. */
  push(chunk: Buffer | string): Array<FtpReply | MalformedLine> {
    this.#buffer += typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    const out: Array<FtpReply | MalformedLine> = [];
    for (;;) {
      const end = this.#buffer.indexOf('\n');
      if (end < 0) break;
      const line = this.#buffer.slice(0, end).replace(/\r$/, '');
      this.#buffer = this.#buffer.slice(end + 1);
      const item = this.#line(line);
      if (item) out.push(item);
    }
    if (this.#buffer.length > MAX_LINE_LENGTH) {
      out.push({ malformed: `${this.#buffer.slice(0, 80)}... (line longer than ${MAX_LINE_LENGTH} characters)` });
      this.#buffer = '';
      this.#open = undefined;
    }
    return out;
  }

  #line(line: string): FtpReply | MalformedLine | undefined {
    const match = /^([1-5]\d\d)([ -]|$)/.exec(line);
    if (this.#open) {
      this.#open.lines.push(line);
      if (this.#open.lines.length > MAX_REPLY_LINES) {
        this.#open = undefined;
        return { malformed: `${line.slice(0, 80)} (a multi-line reply longer than ${MAX_REPLY_LINES} lines)` };
      }
      if (match && Number(match[1]) === this.#open.code && match[2] !== '-') {
        const done = this.#open;
        this.#open = undefined;
        return done;
      }
      return undefined;
    }
    if (!match) return line === '' ? undefined : { malformed: line };
    const reply: FtpReply = { code: Number(match[1]), lines: [line] };
    if (match[2] === '-') {
      this.#open = reply;
      return undefined;
    }
    return reply;
  }
}

export function isMalformed(item: FtpReply | MalformedLine): item is MalformedLine {
  return 'malformed' in item;
}
