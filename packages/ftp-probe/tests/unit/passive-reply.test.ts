import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressKind, parseEpsvReply, parsePasvReply } from '../../src/ftp/passive-reply.js';

const reply = (line: string) => ({ code: Number(line.slice(0, 3)), lines: [line] });

describe('passive replies', () => {
  it('parses PASV with and without parentheses', () => {
    expect(parsePasvReply(reply('227 Entering Passive Mode (10,0,1,17,32,3)'))).toEqual({
      host: '10.0.1.17',
      port: 8195,
    });
    expect(parsePasvReply(reply('227 =127,0,0,1,200,10'))).toEqual({ host: '127.0.0.1', port: 51210 });
    expect(parsePasvReply(reply('227 Entering Passive Mode (300,0,0,1,1,1)'))).toBeUndefined();
    expect(parsePasvReply(reply('227 nothing here'))).toBeUndefined();
  });

  it('parses EPSV with any delimiter', () => {
    expect(parseEpsvReply(reply('229 Entering Extended Passive Mode (|||8192|)'))).toEqual({ port: 8192 });
    expect(parseEpsvReply(reply('229 ok (!!!8200!)'))).toEqual({ port: 8200 });
    expect(parseEpsvReply(reply('229 ok (|||99999|)'))).toBeUndefined();
  });

  it('classifies advertised addresses', () => {
    expect(addressKind('0.0.0.0')).toBe('unspecified');
    expect(addressKind('127.0.0.1')).toBe('loopback');
    expect(addressKind('10.1.2.3')).toBe('private');
    expect(addressKind('172.31.0.1')).toBe('private');
    expect(addressKind('172.32.0.1')).toBe('public');
    expect(addressKind('192.168.0.9')).toBe('private');
    expect(addressKind('100.64.0.1')).toBe('shared');
    expect(addressKind('169.254.1.1')).toBe('link-local');
    expect(addressKind('52.1.2.3')).toBe('public');
    expect(addressKind('::ffff:10.0.0.1')).toBe('private');
    expect(addressKind('fd00::1')).toBe('private');
  });

  it('fuzz: PASV round-trips any address and port', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        const numbers = `${ip.replaceAll('.', ',')},${port >> 8},${port & 255}`;
        expect(parsePasvReply(reply(`227 Entering Passive Mode (${numbers})`))).toEqual({ host: ip, port });
      }),
    );
  });

  it('fuzz: arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parsePasvReply(reply(`227 ${text}`));
        parseEpsvReply(reply(`229 ${text}`));
      }),
    );
  });
});
