// The command table: FEAT and what is allowed before login come from it, as do argument checks.
import { describe, expect, it } from 'vitest';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

describe('the command table', () => {
  it('answers before login only what the table allows, and checks arguments', async () => {
    await using emulator = await startTestEmulator();
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.send('PWD')).code).toBe(530);
      expect((await control.send('LIST')).code).toBe(530);
      expect((await control.send('SYST')).code).toBe(215);
      expect((await control.send('XYZW')).code).toBe(502);
      expect((await control.send('USER')).text).toBe('501 Syntax error: USER needs an argument');
      await control.login('alice', 'wonderland');
      expect((await control.send('PWD now')).text).toBe('501 Syntax error: PWD takes no argument');
      expect((await control.send('XPWD')).text).toBe('257 "/bucket/home/alice" is the current directory');
      expect((await control.send('DELE')).code).toBe(501);
      expect((await control.send('APPE x')).code).toBe(502); // not on Transfer
      expect((await control.send('EPRT |1|127.0.0.1|2000|')).code).toBe(502);
    } finally {
      control.close();
    }
  });

  it('lists in FEAT exactly the features of its commands, once each, with FTPS', async () => {
    await using emulator = await startTestEmulator({ ftps: true });
    const control = await openControl(emulator.host, emulator.port);
    try {
      const lines = (await control.send('FEAT')).text
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.trim());
      expect(lines.sort()).toEqual(
        [
          'AUTH TLS',
          'EPSV',
          'LANG EN*',
          'MDTM',
          'MFMT',
          'MLST type*;size*;modify*;',
          'PBSZ',
          'PROT',
          'SIZE',
          'UTF8',
        ].sort(),
      );
    } finally {
      control.close();
    }
  });

  it('lists no AUTH TLS, PBSZ or PROT when FTPS is off', async () => {
    await using emulator = await startTestEmulator();
    const control = await openControl(emulator.host, emulator.port);
    try {
      const lines = (await control.send('FEAT')).text
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.trim());
      expect(lines.sort()).toEqual(
        ['EPSV', 'LANG EN*', 'MDTM', 'MFMT', 'MLST type*;size*;modify*;', 'SIZE', 'UTF8'].sort(),
      );
    } finally {
      control.close();
    }
  });
});
