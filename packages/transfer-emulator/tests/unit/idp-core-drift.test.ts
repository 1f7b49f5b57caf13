// The emulator keeps its own copies of idp-core's Transfer facts (it imports nothing of ours at runtime): this file
// fails the day a copy and idp-core disagree.
import {
  SERVER_ID_PATTERN as IDP_SERVER_ID,
  USER_NAME_PATTERN as IDP_USER_NAME,
  type TransferIdpEvent as IdpEvent,
  type TransferIdpResponse as IdpResponse,
  parseTransferIdpEvent,
} from '@closed-ftp/idp-core';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TransferIdpEvent, TransferIdpResponse } from '../../src/identity/identity-provider.js';
import { SERVER_ID_PATTERN, USER_NAME_PATTERN } from '../../src/identity/transfer-names.js';
import { openControl } from '../support/raw-control.js';
import { ROLE, startTestEmulator } from '../support/test-emulator.js';

/** Strings near the patterns' edges: their alphabet plus a few characters just outside it, lengths 0 to 110. */
const nearNames = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '_', '@', '.', '-', ' ', '/', 'é', '\n', '+', 's', 'f', 'g'),
  minLength: 0,
  maxLength: 110,
});
const nearServerIds = fc
  .string({ unit: fc.constantFrom('0', '9', 'a', 'f', 'g', 'A', 'F'), minLength: 15, maxLength: 19 })
  .map((hex) => `s-${hex}`);

describe('the emulator and idp-core agree on Transfer facts', () => {
  it('has the same user-name and server-id patterns', () => {
    expect(USER_NAME_PATTERN.source).toBe(IDP_USER_NAME.source);
    expect(USER_NAME_PATTERN.flags).toBe(IDP_USER_NAME.flags);
    expect(SERVER_ID_PATTERN.source).toBe(IDP_SERVER_ID.source);
    expect(SERVER_ID_PATTERN.flags).toBe(IDP_SERVER_ID.flags);
  });

  it('accepts exactly the user names and server ids idp-core accepts', () => {
    fc.assert(
      fc.property(nearNames, (name) => USER_NAME_PATTERN.test(name) === IDP_USER_NAME.test(name)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(nearServerIds, (id) => SERVER_ID_PATTERN.test(id) === IDP_SERVER_ID.test(id)),
      { numRuns: 500 },
    );
  });

  it('has the same event and response shapes (checked by the typecheck)', () => {
    expectTypeOf<TransferIdpEvent>().toEqualTypeOf<IdpEvent>();
    // The emulator reads any response (a handler may return anything); idp-core's must fit it.
    expectTypeOf<IdpResponse>().toExtend<TransferIdpResponse>();
    expect(true).toBe(true);
  });

  it('sends an event idp-core parses, for FTP and for FTPS', async () => {
    const events: unknown[] = [];
    await using emulator = await startTestEmulator({
      ftps: true,
      idp: async (event) => {
        events.push(event);
        return { Role: ROLE, HomeDirectory: '/bucket/home/alice' };
      },
    });
    const plain = await openControl(emulator.host, emulator.port);
    const secure = await openControl(emulator.host, emulator.port);
    try {
      expect((await plain.login('alice', 'wonderland')).code).toBe(230);
      expect((await secure.send('AUTH TLS')).code).toBe(234);
      await secure.startTls(emulator.certificate);
      expect((await secure.login('alice', 'wonderland')).code).toBe(230);
    } finally {
      plain.close();
      secure.close();
    }
    expect(events).toHaveLength(2);
    for (const event of events) {
      const parsed = parseTransferIdpEvent(event);
      expect(parsed, JSON.stringify(parsed)).toMatchObject({ ok: true });
      // Nothing beyond the documented fields: idp-core's parse keeps exactly those.
      expect(parsed.ok && parsed.event).toEqual(event);
    }
    expect(events.map((event) => (event as TransferIdpEvent).protocol)).toEqual(['FTP', 'FTPS']);
  });
});
