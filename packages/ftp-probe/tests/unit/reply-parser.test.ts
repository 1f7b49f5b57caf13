import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FtpReply, isMalformed, ReplyParser } from '../../src/ftp/reply-parser.js';

const code = fc.integer({ min: 100, max: 599 });
const text = fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' '));
// Inner lines of a multi-line reply may be anything but the terminator `<code> `.
const reply = fc.tuple(code, fc.array(text, { maxLength: 4 }), text).map(([c, inner, last]): FtpReply => {
  if (inner.length === 0) return { code: c, lines: [`${c} ${last}`] };
  const middle = inner.map((line) => (line.startsWith(`${c} `) || line === String(c) ? ` ${line}` : line));
  return { code: c, lines: [`${c}-${inner[0]}`, ...middle.slice(1), `${c} ${last}`] };
});

describe('ReplyParser', () => {
  it('parses a multi-line FEAT reply whose inner lines start with digits', () => {
    const parser = new ReplyParser();
    const items = parser.push(
      '211-Features:\r\n 211 looks like an end\r\n211-still inside\r\n MLST type*;\r\n211 End\r\n',
    );
    expect(items).toEqual([
      { code: 211, lines: ['211-Features:', ' 211 looks like an end', '211-still inside', ' MLST type*;', '211 End'] },
    ]);
  });

  it('reports a line that is not a reply as malformed', () => {
    const items = new ReplyParser().push('SSH-2.0-OpenSSH_9.2\r\n');
    expect(items).toHaveLength(1);
    expect(isMalformed(items[0]!)).toBe(true);
  });

  it('accepts LF-only line endings and a bare code', () => {
    expect(new ReplyParser().push('220\n230 ok\n')).toEqual([
      { code: 220, lines: ['220'] },
      { code: 230, lines: ['230 ok'] },
    ]);
  });

  it('gives up on an endless line instead of buffering it', () => {
    const parser = new ReplyParser();
    const items = parser.push('2'.repeat(10_000));
    expect(items.some(isMalformed)).toBe(true);
  });

  it('gives up on an endless multi-line reply instead of collecting it', () => {
    const parser = new ReplyParser();
    const items = parser.push(`220-welcome\r\n${' more\r\n'.repeat(1500)}220 done\r\n`);
    expect(items[0]).toMatchObject({ malformed: expect.stringContaining('longer than 1000 lines') });
  });

  it('fuzz: any replies, split anywhere (even inside a UTF-8 character), come out whole and in order', () => {
    fc.assert(
      fc.property(
        fc.array(reply, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (replies, cuts) => {
          const wire = Buffer.from(replies.map((r) => `${r.lines.join('\r\n')}\r\n`).join(''), 'utf8');
          const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
          const parser = new ReplyParser();
          const out: unknown[] = [];
          let from = 0;
          for (const point of [...points, wire.length]) {
            out.push(...parser.push(wire.subarray(from, point)));
            from = point;
          }
          expect(out).toEqual(replies);
        },
      ),
    );
  });

  it('fuzz: arbitrary bytes never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
        const parser = new ReplyParser();
        for (const chunk of chunks) parser.push(Buffer.from(chunk));
      }),
    );
  });
});
