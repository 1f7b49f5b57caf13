import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authenticate, InMemoryUserStore } from '../../src/index.js';
import { CHEAP_DUMMY_HASH, cheapScryptHash, ROLE, SERVER_ID, secretName } from '../support/fixtures.js';

const RIGHT = 'correct horse';
const RIGHT_HASH = cheapScryptHash(RIGHT);
const OTHER_HASH = cheapScryptHash('something else');

/** Mostly good values, sometimes bad ones, sometimes anything at all. */
const value = (good: unknown[], bad: unknown[] = []) =>
  fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...good) },
    ...(bad.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...bad) }] : []),
    { weight: 1, arbitrary: fc.anything() },
  );

const eventArb = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        username: value(['alice', 'alice', 'bob']),
        password: value([RIGHT, RIGHT, '', 'correct horse ', 'Correct horse', 'wrong']),
        protocol: value(['SFTP', 'FTP', 'FTPS']),
        serverId: value([SERVER_ID]),
        sourceIp: value(['10.1.2.3', '2001:db8::1', '::ffff:10.0.0.1']),
      },
      { requiredKeys: ['username', 'protocol', 'serverId', 'sourceIp'] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

const secretFields = fc.record(
  {
    Role: value([ROLE], ['not-an-arn']),
    Password: value([RIGHT, 'wrong'], ['']),
    PasswordHash: value([RIGHT_HASH, OTHER_HASH], ['$scrypt$bad']),
    FTPPassword: value([RIGHT, 'wrong']),
    SFTPPasswordHash: value([RIGHT_HASH, OTHER_HASH]),
    PublicKey: value(['ssh-ed25519 AAAA a', 'ssh-ed25519 AAAA a,ssh-rsa BBBB b'], ['']),
    Policy: value(['{"Version":"2012-10-17"}', { Version: '2012-10-17' }], ['{']),
    HomeDirectory: value(['/bucket/home'], ['bucket']),
    HomeDirectoryDetails: value(
      ['[{"Entry":"/","Target":"/b/x"}]', [{ Entry: '/', Target: '/b/y' }]],
      ['[]', [{ Entry: '/', Target: '/b/' }]],
    ),
    HomeDirectoryType: value(['PATH', 'LOGICAL']),
    AllowedSourceCidrs: value([['10.0.0.0/8'], '2001:db8::/32, 10.1.0.0/16'], [['1.2.3.4/40']]),
    AllowedProtocols: value([['FTP'], 'SFTP,FTPS'], [['AS2']]),
    Disabled: value([false, 'false'], [true]),
    PosixProfile: value([{ Uid: 1, Gid: 1 }, '{"Uid":1,"Gid":1}']),
  },
  { requiredKeys: ['Role'] },
);
const secretArb = fc.oneof(
  { weight: 6, arbitrary: secretFields },
  fc.anything(),
  secretFields.map((s) => JSON.stringify(s)),
);

/** The credential a secret holds for a protocol, by the documented precedence. */
function credentialFor(secret: Record<string, unknown>, protocol: string) {
  for (const key of [`${protocol}PasswordHash`, `${protocol}Password`, 'PasswordHash', 'Password']) {
    if (secret[key] !== undefined && secret[key] !== null && secret[key] !== '') return { key, value: secret[key] };
  }
  return undefined;
}

describe('authenticate (property)', () => {
  it('never throws, never allows without a matching credential, and shapes every response for Transfer', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(eventArb, secretArb, async (event, secret) => {
        const store = new InMemoryUserStore({ [secretName('alice')]: secret });
        const decision = await authenticate(event, { userStore: store, dummyPasswordHash: CHEAP_DUMMY_HASH });
        seen.set(decision.reason, (seen.get(decision.reason) ?? 0) + 1);

        if (!decision.allowed) {
          expect(decision.response).toEqual({});
          return;
        }
        const login = event as Record<string, unknown>;
        const fields = (typeof secret === 'string' ? JSON.parse(secret) : secret) as Record<string, unknown>;
        expect(login.username).toBe('alice');
        expect(typeof decision.response.Role).toBe('string');
        expect(decision.response.Role.trim()).not.toBe('');
        if (decision.reason === 'password') {
          const credential = credentialFor(fields, String(login.protocol));
          const expected = credential?.key.endsWith('Hash')
            ? credential.value === RIGHT_HASH
              ? RIGHT
              : undefined
            : credential?.value;
          expect(login.password).toBe(expected);
          expect(decision.response.PublicKeys).toBeUndefined();
        } else {
          expect(login.protocol).toBe('SFTP');
          expect(login.password ?? '').toBe('');
          expect(decision.response.PublicKeys?.length).toBeGreaterThan(0);
        }
        if ('HomeDirectoryDetails' in decision.response) {
          expect(typeof decision.response.HomeDirectoryDetails).toBe('string');
          expect(decision.response.HomeDirectoryType).toBe('LOGICAL');
        }
        if (decision.response.Policy !== undefined) expect(decision.response.Policy.length).toBeLessThanOrEqual(2048);
        const text = JSON.stringify(decision.response);
        expect(text).not.toMatch(/"Password|PasswordHash/);
        if (typeof login.password === 'string' && login.password.length > 3) expect(text).not.toContain(login.password);
      }),
      {
        numRuns: 1500,
        // Both allow paths, always: the generators reach them too, but not in every seed.
        examples: [
          [
            { username: 'alice', password: RIGHT, protocol: 'FTP', serverId: SERVER_ID, sourceIp: '10.1.2.3' },
            { Role: ROLE, Password: RIGHT },
          ],
          [
            { username: 'alice', protocol: 'SFTP', serverId: SERVER_ID, sourceIp: '10.1.2.3' },
            { Role: ROLE, PublicKey: 'ssh-ed25519 AAAA a' },
          ],
        ],
      },
    );
    // The property must have been checked on allowed logins, or it proves nothing.
    expect(seen.get('password')).toBeGreaterThan(0);
    expect(seen.get('public-key')).toBeGreaterThan(0);
  });
});
