import { argon2id as nobleArgon2id } from '@noble/hashes/argon2.js';
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ARGON2ID,
  DEFAULT_SCRYPT,
  DUMMY_PASSWORD_HASHES,
  hashPassword,
  PasswordHashFormatError,
  parsePasswordHash,
  verifyPassword,
} from '../../src/index.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const salt = new TextEncoder().encode('sixteen byte salt');

describe('password hashes (PHC strings)', () => {
  it('scrypt: hashes with the default cost and verifies only the right password', async () => {
    const phc = await hashPassword('pässwörd 🔑');
    expect(phc).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('pässwörd 🔑', phc)).toBe(true);
    expect(await verifyPassword('passwörd 🔑', phc)).toBe(false);
  });

  it('argon2id: hashes with the default cost and verifies only the right password', async () => {
    const phc = await hashPassword('s3cret', { algorithm: 'argon2id' });
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('s3cret', phc)).toBe(true);
    expect(await verifyPassword('s3cret ', phc)).toBe(false);
  });

  it('verifies argon2id hashes made by another implementation (@noble/hashes), p > 1 included', async () => {
    const key = nobleArgon2id('hunter22', salt, { t: 2, m: 256, p: 2, dkLen: 32 });
    expect(await verifyPassword('hunter22', `$argon2id$v=19$m=256,t=2,p=2$${b64(salt)}$${b64(key)}`)).toBe(true);
  });

  it('verifies scrypt hashes made by another implementation, in passlib notation too', async () => {
    const key = nobleScrypt('hunter22', salt, { N: 2 ** 10, r: 8, p: 1, dkLen: 32 });
    const phc = `$scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(key)}`;
    expect(await verifyPassword('hunter22', phc)).toBe(true);
    expect(await verifyPassword('hunter22', phc.replaceAll('+', '.'))).toBe(true);
  });

  it('the dummy hashes have the default cost of their algorithm', () => {
    expect(parsePasswordHash(DUMMY_PASSWORD_HASHES.scrypt)).toMatchObject({ algorithm: 'scrypt', ...DEFAULT_SCRYPT });
    expect(parsePasswordHash(DUMMY_PASSWORD_HASHES.argon2id)).toMatchObject({
      algorithm: 'argon2id',
      ...DEFAULT_ARGON2ID,
    });
  });

  it.each([
    ['', 'PHC string'],
    ['$2b$10$abcdefghijklmnopqrstuv', 'PHC string'],
    ['$bcrypt$x$y$z', 'unsupported algorithm'],
    ['$scrypt$ln=15,r=8$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'parameter p is missing'],
    ['$scrypt$ln=30,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'out of bounds'],
    ['$scrypt$ln=15,r=8,p=1$c2Fs$aGFzaGhhc2hoYXNoaGFzaA', 'salt'],
    ['$scrypt$ln=15,r=8,p=1$c2FsdHNhbHQ$!!!', 'base64'],
    ['$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'v=19'],
    ['$argon2id$v=19$m=9999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'out of bounds'],
    ['$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA', 'unsupported'],
  ])('rejects %j with a clear error', (phc, message) => {
    expect(() => parsePasswordHash(phc)).toThrow(PasswordHashFormatError);
    expect(() => parsePasswordHash(phc)).toThrow(message);
  });

  it('parse errors never echo the input (fuzz)', () => {
    fc.assert(
      // 'Ω' appears in no message, so finding the text in one means it was echoed.
      fc.property(
        fc.string({ minLength: 4 }).map((s) => `Ω${s}`),
        (text) => {
          const phc = `$scrypt$${text}`;
          try {
            parsePasswordHash(phc);
          } catch (error) {
            expect(error).toBeInstanceOf(PasswordHashFormatError);
            expect((error as Error).message).not.toContain(text);
          }
        },
      ),
    );
  });
});
