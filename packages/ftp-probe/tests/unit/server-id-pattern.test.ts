import { SERVER_ID_PATTERN as IDP_SERVER_ID_PATTERN } from '@closed-ftp/idp-core/facts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probe } from '../../src/index.js';
import { SERVER_ID_PATTERN } from '../../src/options.js';

// The probe keeps a structural copy (it does not load idp-core at runtime): this fails the day the two differ.
describe('the server-id pattern is the IdP’s', () => {
  it('the same expression as idp-core’s SERVER_ID_PATTERN', () => {
    expect(SERVER_ID_PATTERN.source).toBe(IDP_SERVER_ID_PATTERN.source);
    expect(SERVER_ID_PATTERN.flags).toBe(IDP_SERVER_ID_PATTERN.flags);
  });

  it('property: both accept and refuse the same strings', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEFg');
    const candidate = fc.oneof(
      fc.string(),
      fc.array(hex, { minLength: 15, maxLength: 19 }).map((digits) => `s-${digits.join('')}`),
    );
    fc.assert(
      fc.property(candidate, (id) => {
        expect(SERVER_ID_PATTERN.test(id)).toBe(IDP_SERVER_ID_PATTERN.test(id));
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });

  it('idpTest.serverId is checked with it, naming the option', async () => {
    await expect(
      probe('ftp://a@127.0.0.1', { password: 'x', idpTest: { serverId: 's-0123456789ABCDEF0' } }),
    ).rejects.toMatchObject({ name: 'ProbeOptionsError', option: 'idpTest.serverId' });
  });
});
