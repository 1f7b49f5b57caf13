import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTransferIdpEvent } from '../../src/index.js';
import { loginEvent } from '../support/fixtures.js';

describe('parseTransferIdpEvent', () => {
  it('accepts a well-formed FTP event, IPv4 and IPv6', () => {
    expect(parseTransferIdpEvent(loginEvent())).toEqual({ ok: true, event: loginEvent() });
    expect(parseTransferIdpEvent(loginEvent({ sourceIp: '2001:db8::7' })).ok).toBe(true);
  });

  it('accepts a key login without a password', () => {
    const { password: _, ...keyLogin } = loginEvent({ protocol: 'SFTP' });
    expect(parseTransferIdpEvent(keyLogin)).toEqual({ ok: true, event: keyLogin });
  });

  it.each([
    ['username', { username: 'ab' }],
    ['username', { username: '-alice' }],
    ['username', { username: 'a'.repeat(101) }],
    ['username', { username: 'al ice' }],
    ['password', { password: 42 }],
    ['protocol', { protocol: 'ftp' }],
    ['protocol', { protocol: 'AS2' }],
    ['serverId', { serverId: 's-123' }],
    ['serverId', { serverId: 'S-0123456789ABCDEF0' }],
    ['sourceIp', { sourceIp: '10.0.0' }],
    ['sourceIp', { sourceIp: undefined }],
  ])('rejects a bad %s and names it', (field, overrides) => {
    const result = parseTransferIdpEvent(loginEvent(overrides));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(field);
  });

  it('rejects non-objects', () => {
    for (const input of [null, undefined, 'alice', 42, []]) expect(parseTransferIdpEvent(input).ok).toBe(false);
  });

  it('never throws on arbitrary input (fuzz)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        parseTransferIdpEvent(input);
      }),
    );
  });
});
