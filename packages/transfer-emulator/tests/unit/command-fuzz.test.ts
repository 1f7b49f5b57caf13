import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/control/command-line.js';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

// Verbs that would end the session or wait for a data connection are left out: each line must get one reply at once.
const VERBS = [
  'USER',
  'PASS',
  'CWD',
  'CDUP',
  'PWD',
  'TYPE',
  'MODE',
  'STRU',
  'LIST',
  'NLST',
  'MLSD',
  'MLST',
  'RETR',
  'STOR',
  'STOU',
  'DELE',
  'MKD',
  'RMD',
  'RNFR',
  'RNTO',
  'SIZE',
  'MDTM',
  'MFMT',
  'OPTS',
  'FEAT',
  'SYST',
  'NOOP',
  'STAT',
  'ABOR',
  'PROT',
  'PBSZ',
  'AUTH',
  'LANG',
  'PORT',
  'EPRT',
  'APPE',
  'REST',
  'SITE',
  'xyz',
  'X',
  '',
];

const noNewline = (s: string) => !s.includes('\n') && !s.includes('\r');
const line = fc.oneof(
  fc.string({ maxLength: 200 }).filter(noNewline),
  fc.string({ unit: 'binary', maxLength: 200 }).filter(noNewline),
  fc
    .tuple(fc.constantFrom(...VERBS), fc.string({ unit: 'grapheme', maxLength: 300 }))
    .map(([v, a]) => `${v} ${a}`)
    .filter(noNewline),
  fc
    .tuple(
      fc.constantFrom(...VERBS),
      fc.constantFrom('', ' ', '..', '../..', '/', '\\', '%2F', '\u0000', ' '.repeat(50), '-la'),
    )
    .map(([v, a]) => `${v} ${a}`),
);

describe('command parser', () => {
  it('never throws, and accepts only 3-4 letter verbs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        const command = parseCommandLine(text);
        if (command) expect(command.verb).toMatch(/^[A-Z]{3,4}$/);
      }),
    );
  });
});

describe('session under random and malformed lines', () => {
  it('answers every line (500/501 for garbage) and keeps serving', async () => {
    await using emulator = await startTestEmulator();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 15 }), async (loggedIn, lines) => {
        const control = await openControl(emulator.host, emulator.port);
        try {
          if (loggedIn) expect((await control.login('alice', 'wonderland')).code).toBe(230);
          for (const text of lines) {
            const reply = await control.send(text.startsWith('QUIT') || /^\s*(PASV|EPSV)/i.test(text) ? 'NOOP' : text);
            expect(reply.code).toBeGreaterThanOrEqual(200);
            expect(reply.code).toBeLessThan(600);
            if (!/^[A-Za-z]{3,4}( |$)/.test(text)) expect(reply.code).toBe(500);
          }
          expect((await control.send('NOOP')).code).toBe(200);
        } finally {
          control.close();
        }
      }),
      { numRuns: 60 },
    );
    const after = await openControl(emulator.host, emulator.port);
    expect((await after.login('alice', 'wonderland')).code).toBe(230);
    after.close();
  }, 60_000);
});
