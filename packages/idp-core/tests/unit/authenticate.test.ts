import { describe, expect, it, vi } from 'vitest';
import {
  type AuthenticateDeps,
  authenticate,
  type Decision,
  InMemoryUserStore,
  type UserLookup,
  UserLookupError,
  type UserStore,
  verifyPassword,
} from '../../src/index.js';
import { CHEAP_DUMMY_HASH, cheapScryptHash, loginEvent, ROLE, SERVER_ID, secretName } from '../support/fixtures.js';

// Counts scrypt derivations: every password-hash verification of these tests is one (their hashes are scrypt).
const scryptCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (...args: Parameters<typeof crypto.scrypt>) => {
    scryptCalls.count++;
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  };
  return { ...crypto, scrypt, default: { ...crypto, scrypt } };
});

const alice = {
  Password: 'correct horse',
  Role: ROLE,
  PublicKey: 'ssh-ed25519 AAAAkey alice',
  HomeDirectoryDetails: '[{"Entry":"/","Target":"/bucket/alice"}]',
};

function depsWith(secrets: Record<string, unknown>, extra: Partial<AuthenticateDeps> = {}): AuthenticateDeps {
  return { userStore: new InMemoryUserStore(secrets), dummyPasswordHash: CHEAP_DUMMY_HASH, ...extra };
}
const withAlice = (overrides: Record<string, unknown> = {}, extra: Partial<AuthenticateDeps> = {}) =>
  depsWith({ [secretName('alice')]: { ...alice, ...overrides } }, extra);

function expectDenied(decision: Decision, reason: string) {
  expect(decision).toMatchObject({ allowed: false, reason, response: {} });
  expect(Object.keys(decision.response)).toHaveLength(0);
}

describe('authenticate: allow', () => {
  it('allows the right password and returns the official template response', async () => {
    const decision = await authenticate(loginEvent(), withAlice());
    expect(decision).toMatchObject({ allowed: true, reason: 'password', secretName: secretName('alice') });
    expect(decision.response).toEqual({
      Role: ROLE,
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryDetails: '[{"Entry":"/","Target":"/bucket/alice"}]',
    });
  });

  it('allows a hashed password and never returns a password or keys on a password login', async () => {
    const decision = await authenticate(
      loginEvent(),
      withAlice({ Password: undefined, PasswordHash: cheapScryptHash('correct horse') }),
    );
    expect(decision.allowed).toBe(true);
    expect(JSON.stringify(decision.response)).not.toMatch(/Password|PublicKeys|correct horse/);
  });

  it('returns keys for an SFTP key login (no password), and only then', async () => {
    const { password: _, ...keyLogin } = loginEvent({ protocol: 'SFTP' });
    const decision = await authenticate(keyLogin, withAlice());
    expect(decision).toMatchObject({ allowed: true, reason: 'public-key' });
    expect(decision.response).toMatchObject({ Role: ROLE, PublicKeys: ['ssh-ed25519 AAAAkey alice'] });
  });

  it('returns HomeDirectory, Policy and PosixProfile as Transfer expects them', async () => {
    const policy = { Version: '2012-10-17', Statement: [] };
    const decision = await authenticate(
      loginEvent(),
      withAlice({
        HomeDirectoryDetails: undefined,
        HomeDirectory: '/bucket/alice',
        Policy: policy,
        PosixProfile: { Uid: 1, Gid: 2 },
      }),
    );
    expect(decision.response).toEqual({
      Role: ROLE,
      HomeDirectory: '/bucket/alice',
      Policy: JSON.stringify(policy),
      PosixProfile: { Uid: 1, Gid: 2 },
    });
  });

  it('uses the secret name template', async () => {
    const deps = depsWith({ 'ftp-users/alice': alice }, { secretNameTemplate: 'ftp-users/{username}' });
    expect((await authenticate(loginEvent(), deps)).allowed).toBe(true);
  });
});

describe('authenticate: every check denies with its reason, in order', () => {
  it('invalid-event', async () => {
    expectDenied(await authenticate({ username: 'alice' }, withAlice()), 'invalid-event');
    expectDenied(await authenticate(null, withAlice()), 'invalid-event');
  });

  it('server-not-allowed (checked before the user is looked up)', async () => {
    let lookups = 0;
    const userStore: UserStore = {
      find: async () => {
        lookups++;
        return { found: false, cached: false };
      },
    };
    const decision = await authenticate(loginEvent(), { userStore, allowedServerIds: ['s-00000000000000000'] });
    expectDenied(decision, 'server-not-allowed');
    expect(lookups).toBe(0);
    expect((await authenticate(loginEvent(), withAlice({}, { allowedServerIds: [SERVER_ID] }))).allowed).toBe(true);
  });

  it('lookup-failed when the store throws (fail closed)', async () => {
    const userStore: UserStore = {
      find: async () => {
        throw new UserLookupError('Secrets Manager lookup failed (InternalServiceError)');
      },
    };
    const decision = await authenticate(loginEvent(), { userStore });
    expectDenied(decision, 'lookup-failed');
    expect(!decision.allowed && decision.detail).toContain('InternalServiceError');
  });

  it('lookup-failed for a secret name template the IdP cannot use, before any lookup, naming the template', async () => {
    let lookups = 0;
    const userStore: UserStore = {
      find: async () => {
        lookups++;
        return { found: false, cached: false };
      },
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const decision = await authenticate(loginEvent(), { userStore, secretNameTemplate: 'ftp/{server}/{username}' });
      expectDenied(decision, 'lookup-failed');
      expect(!decision.allowed && decision.detail).toContain('"ftp/{server}/{username}" uses {server}');
    }
    expect(lookups).toBe(0);
  });

  it('unknown-user looks exactly like wrong-password to the caller', async () => {
    const unknown = await authenticate(loginEvent({ username: 'mallory' }), withAlice());
    const wrong = await authenticate(loginEvent({ password: 'battery staple' }), withAlice());
    expectDenied(unknown, 'unknown-user');
    expectDenied(wrong, 'wrong-password');
    expect(unknown.response).toEqual(wrong.response);
  });

  it('invalid-secret names the key', async () => {
    const decision = await authenticate(loginEvent(), withAlice({ Role: 'admin' }));
    expectDenied(decision, 'invalid-secret');
    expect(!decision.allowed && decision.detail).toMatch(/^Role: /);
  });

  it('invalid-secret when Policy is over 2,048 characters', async () => {
    const decision = await authenticate(loginEvent(), withAlice({ Policy: JSON.stringify({ Sid: 'x'.repeat(2050) }) }));
    expectDenied(decision, 'invalid-secret');
    expect(!decision.allowed && decision.detail).toMatch(/^Policy: .*2048/);
  });

  it('user-disabled, even with the right password', async () => {
    expectDenied(await authenticate(loginEvent(), withAlice({ Disabled: true })), 'user-disabled');
  });

  it('protocol-not-allowed', async () => {
    expectDenied(
      await authenticate(loginEvent(), withAlice({ AllowedProtocols: ['SFTP', 'FTPS'] })),
      'protocol-not-allowed',
    );
    expect(
      (await authenticate(loginEvent({ protocol: 'FTPS' }), withAlice({ AllowedProtocols: ['FTPS'] }))).allowed,
    ).toBe(true);
  });

  it('source-ip-not-allowed, for IPv4 and IPv6', async () => {
    const deps = withAlice({ AllowedSourceCidrs: ['192.168.0.0/24', 'fd00::/8'] });
    expectDenied(await authenticate(loginEvent(), deps), 'source-ip-not-allowed');
    expectDenied(await authenticate(loginEvent({ sourceIp: '2001:db8::1' }), deps), 'source-ip-not-allowed');
    expect((await authenticate(loginEvent({ sourceIp: '192.168.0.9' }), deps)).allowed).toBe(true);
    expect((await authenticate(loginEvent({ sourceIp: 'fd12::1' }), deps)).allowed).toBe(true);
  });

  it('the order holds: disabled is reported before protocol, protocol before source IP, source IP before password', async () => {
    const everything = { Disabled: true, AllowedProtocols: ['SFTP'], AllowedSourceCidrs: ['192.168.0.0/24'] };
    const wrong = { password: 'nope' };
    expectDenied(await authenticate(loginEvent(wrong), withAlice(everything)), 'user-disabled');
    expectDenied(
      await authenticate(loginEvent(wrong), withAlice({ ...everything, Disabled: false })),
      'protocol-not-allowed',
    );
    expectDenied(
      await authenticate(loginEvent(wrong), withAlice({ ...everything, Disabled: false, AllowedProtocols: ['FTP'] })),
      'source-ip-not-allowed',
    );
  });

  it('empty-password over FTP and FTPS, even for a user with keys (no fall into the key branch)', async () => {
    for (const protocol of ['FTP', 'FTPS']) {
      expectDenied(await authenticate(loginEvent({ protocol, password: '' }), withAlice()), 'empty-password');
      const { password: _, ...noPassword } = loginEvent({ protocol });
      expectDenied(await authenticate(noPassword, withAlice()), 'empty-password');
    }
  });

  it('no-public-key for an SFTP key login of a user without keys', async () => {
    expectDenied(
      await authenticate(loginEvent({ protocol: 'SFTP', password: '' }), withAlice({ PublicKey: undefined })),
      'no-public-key',
    );
  });

  it('no-password-set for a password login of a key-only user', async () => {
    expectDenied(await authenticate(loginEvent(), withAlice({ Password: undefined })), 'no-password-set');
    expectDenied(await authenticate(loginEvent(), withAlice({ Password: '' })), 'no-password-set');
  });

  it('wrong-password for plain and hashed secrets, and for near misses', async () => {
    for (const password of ['correct horsE', 'correct horse ', 'correct', '']) {
      const decision = await authenticate(
        loginEvent({ password, protocol: 'SFTP' }),
        withAlice({ PublicKey: undefined }),
      );
      expect(decision.allowed).toBe(false);
    }
    const hashed = withAlice({ Password: undefined, PasswordHash: cheapScryptHash('correct horse') });
    expectDenied(await authenticate(loginEvent({ password: 'correct horsE' }), hashed), 'wrong-password');
  });

  it('compares plain passwords exactly, even where UTF-8 would blur them (lone surrogates)', async () => {
    // A JSON event may carry a lone surrogate ("\ud800"); UTF-8 encoding turns it and U+FFFD into the same bytes.
    const deps = withAlice({ Password: 'pass\ufffd' });
    expectDenied(await authenticate(loginEvent({ password: 'pass\ud800' }), deps), 'wrong-password');
    expect((await authenticate(loginEvent({ password: 'pass\ufffd' }), deps)).allowed).toBe(true);
  });
});

describe('authenticate: timing of denials', () => {
  it('an unknown user costs a password-hash verification, like a wrong password', async () => {
    // A dummy hash of a noticeable cost makes the verification visible in the elapsed time.
    const dummy = '$scrypt$ln=14,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
    const elapsed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return performance.now() - started;
    };
    // The fastest of a few runs, so that one slow run on a busy machine cannot raise the bar.
    let verifyMs = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) verifyMs = Math.min(verifyMs, await elapsed(() => verifyPassword('x', dummy)));
    const deps = withAlice({}, { dummyPasswordHash: dummy });
    for (const event of [loginEvent({ username: 'mallory' }), loginEvent({ password: 'wrong' })]) {
      expect(await elapsed(() => authenticate(event, deps))).toBeGreaterThan(verifyMs * 0.5);
    }
  });
});

describe('authenticate: a changed password takes effect before the cache expires', () => {
  /** A store whose cache holds an old record until `refresh` is called; refresh is allowed `allowed` times. */
  function staleStore(oldSecret: unknown, newSecret: unknown, allowed: number) {
    const store = {
      refreshes: 0,
      find: async (): Promise<UserLookup> => ({ found: true, secret: oldSecret, cached: true }),
      refresh: async (): Promise<UserLookup | undefined> => {
        store.refreshes++;
        return store.refreshes <= allowed ? { found: true, secret: newSecret, cached: false } : undefined;
      },
    };
    return store;
  }

  it('a mismatch against a cached record re-reads the secret once and allows the new password', async () => {
    const store = staleStore(alice, { ...alice, Password: 'new password' }, 1);
    const decision = await authenticate(loginEvent({ password: 'new password' }), {
      userStore: store,
      dummyPasswordHash: CHEAP_DUMMY_HASH,
    });
    expect(decision).toMatchObject({ allowed: true, cached: false });
    expect(store.refreshes).toBe(1);
  });

  it('when the store refuses to refresh (rate limit), the cached verdict stands', async () => {
    const store = staleStore(alice, { ...alice, Password: 'new password' }, 0);
    const decision = await authenticate(loginEvent({ password: 'new password' }), {
      userStore: store,
      dummyPasswordHash: CHEAP_DUMMY_HASH,
    });
    expectDenied(decision, 'wrong-password');
  });

  it('a user deleted since caching is denied as unknown', async () => {
    const store = staleStore(alice, undefined, 1);
    store.refresh = async () => ({ found: false, cached: false });
    expectDenied(
      await authenticate(loginEvent({ password: 'x' }), { userStore: store, dummyPasswordHash: CHEAP_DUMMY_HASH }),
      'unknown-user',
    );
  });

  /** A wrong-password login against `store`, and how many password-hash verifications it cost. */
  async function wrongPasswordLogin(store: UserStore) {
    const before = scryptCalls.count;
    const decision = await authenticate(loginEvent({ password: 'wrong' }), {
      userStore: store,
      dummyPasswordHash: CHEAP_DUMMY_HASH,
    });
    return { decision, verifications: scryptCalls.count - before };
  }

  it('an unchanged secret keeps the verdict without a second decision', async () => {
    const store = staleStore(alice, { ...alice }, 1);
    const { decision, verifications } = await wrongPasswordLogin(store);
    expect(decision).toMatchObject({ allowed: false, reason: 'wrong-password', cached: true });
    expect(store.refreshes).toBe(1);
    // One hash verification (the dummy one of the first decision), not a second one for a second decision.
    expect(verifications).toBe(1);
  });

  it('a changed secret is decided again, which costs a second hash verification (what the test above counts)', async () => {
    const store = staleStore(alice, { ...alice, Password: 'new password' }, 1);
    const { decision, verifications } = await wrongPasswordLogin(store);
    expect(decision).toMatchObject({ allowed: false, reason: 'wrong-password', cached: false });
    expect(verifications).toBe(2);
  });

  it('a hashed user with an unchanged secret: one verification of their own hash, no second one', async () => {
    const hashed = { ...alice, Password: undefined, PasswordHash: cheapScryptHash('correct horse') };
    const store = staleStore(hashed, { ...hashed }, 1);
    const { decision, verifications } = await wrongPasswordLogin(store);
    expect(decision).toMatchObject({ allowed: false, reason: 'wrong-password', cached: true });
    expect(store.refreshes).toBe(1);
    expect(verifications).toBe(1);
  });

  it('the right password never triggers a refresh', async () => {
    const store = staleStore(alice, alice, 10);
    await authenticate(loginEvent(), { userStore: store, dummyPasswordHash: CHEAP_DUMMY_HASH });
    expect(store.refreshes).toBe(0);
  });
});
