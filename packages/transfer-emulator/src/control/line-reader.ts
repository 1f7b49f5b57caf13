const IAC = 0xff;
const CR = 0x0d;
const LF = 0x0a;
/** Telnet commands with an option byte after them (WILL, WONT, DO, DONT): three bytes to drop. */
const NEGOTIATION = new Set([0xfb, 0xfc, 0xfd, 0xfe]);
const URGENT_ABOR = /^ABOR\r$/i;

/** What the control connection said: a command line, or a line over the limit that was dropped. */
export type ControlLine = { kind: 'line'; text: string } | { kind: 'too-long' };

/**
 * Splits the control connection's raw bytes into command lines (RFC 959 over Telnet), before any UTF-8 decoding:
 * Telnet commands (IAC IP, IAC DM, negotiation) are dropped and IAC IAC is a literal 0xFF; a line longer than
 * `maxLineBytes` is reported once, as soon as it passes the limit, and dropped up to its newline, so its tail never
 * runs as a command.
 * `ABOR` sent as urgent data (Python's ftplib, MSG_OOB) loses its last byte, the LF, to the TCP urgent pointer:
 * `ABOR\r` with nothing after it is taken as a whole line.
 */
export class LineReader {
  #line: number[] = [];
  #tooLong = false;
  /** Telnet state: 0 = data, 1 = after IAC, 2 = after IAC + a negotiation verb (its option byte comes next). */
  #telnet = 0;
  /** An LF that may still arrive after an urgent `ABOR\r` taken as a line: not a second, empty line. */
  #lateLf = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly emit: (line: ControlLine) => void,
  ) {}

  push(chunk: Buffer): void {
    for (const byte of chunk) {
      if (this.#telnet === 1) {
        this.#telnet = byte === IAC ? 0 : NEGOTIATION.has(byte) ? 2 : 0;
        if (byte === IAC) this.#add(IAC);
        continue;
      }
      if (this.#telnet === 2) {
        this.#telnet = 0;
        continue;
      }
      if (byte === IAC) {
        this.#telnet = 1;
        continue;
      }
      if (byte === LF) {
        this.#end();
        continue;
      }
      this.#lateLf = false;
      this.#add(byte);
    }
    if (!this.#tooLong && URGENT_ABOR.test(Buffer.from(this.#line).toString('latin1'))) {
      this.#line = [];
      this.#lateLf = true;
      this.emit({ kind: 'line', text: 'ABOR' });
    }
  }

  #add(byte: number): void {
    if (this.#tooLong) return;
    // +1: the CR of CRLF is not part of the line.
    if (this.#line.length >= this.maxLineBytes + 1) {
      this.#tooLong = true;
      this.#line = [];
      this.emit({ kind: 'too-long' });
      return;
    }
    this.#line.push(byte);
  }

  #end(): void {
    if (this.#tooLong) {
      this.#tooLong = false; // already reported
      return;
    }
    if (this.#lateLf && this.#line.length === 0) {
      this.#lateLf = false;
      return;
    }
    this.#lateLf = false;
    if (this.#line.at(-1) === CR) this.#line.pop();
    if (this.#line.length > this.maxLineBytes) {
      this.#line = [];
      this.emit({ kind: 'too-long' });
      return;
    }
    const text = Buffer.from(this.#line).toString('utf8');
    this.#line = [];
    this.emit({ kind: 'line', text });
  }
}
