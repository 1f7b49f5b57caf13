import { describe, expect, it } from 'vitest';
import { InvalidUserRecordError, parseUserRecord } from '../../src/index.js';
import { ROLE } from '../support/fixtures.js';

// A secret exactly as AWS's official Secrets Manager template documents it: every value a string.
const officialTemplateSecret = JSON.stringify({
  Password: 'Tr4nsfer!',
  Role: ROLE,
  PublicKey: 'ssh-ed25519 AAAAkey1 alice@laptop,ssh-rsa AAAAkey2 alice@desktop',
  Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
  HomeDirectoryDetails: '[{"Entry": "/", "Target": "/my-bucket/alice"}]',
});

describe('parseUserRecord', () => {
  it("reads the official template's secret unchanged", () => {
    const record = parseUserRecord(officialTemplateSecret, 'FTP');
    expect(record).toMatchObject({
      role: ROLE,
      password: 'Tr4nsfer!',
      publicKeys: ['ssh-ed25519 AAAAkey1 alice@laptop', 'ssh-rsa AAAAkey2 alice@desktop'],
      homeDirectoryType: 'LOGICAL',
      homeDirectoryDetails: '[{"Entry":"/","Target":"/my-bucket/alice"}]',
      disabled: false,
    });
    expect(JSON.parse(record.policy!)).toMatchObject({ Version: '2012-10-17' });
  });

  it('reads HomeDirectory (PATH) and accepts HomeDirectoryDetails as a list', () => {
    expect(parseUserRecord({ Role: ROLE, HomeDirectory: '/bucket/home' }, 'FTP')).toMatchObject({
      homeDirectory: '/bucket/home',
    });
    const record = parseUserRecord({ Role: ROLE, HomeDirectoryDetails: [{ Entry: '/', Target: '/b/x' }] }, 'FTP');
    expect(record.homeDirectoryDetails).toBe('[{"Entry":"/","Target":"/b/x"}]');
  });

  it('prefers protocol-prefixed keys (FTPPassword, FTPRole) over plain ones', () => {
    const secret = { Password: 'sftp-one', FTPPassword: 'ftp-one', Role: ROLE, FTPRole: `${ROLE}-ftp` };
    expect(parseUserRecord(secret, 'FTP')).toMatchObject({ password: 'ftp-one', role: `${ROLE}-ftp` });
    expect(parseUserRecord(secret, 'SFTP')).toMatchObject({ password: 'sftp-one', role: ROLE });
  });

  it('a protocol-specific password wins over a generic hash; a hash wins over a plain password of its rank', () => {
    const hash = '$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA';
    expect(parseUserRecord({ Role: ROLE, FTPPassword: 'p', PasswordHash: hash }, 'FTP').password).toBe('p');
    const both = parseUserRecord({ Role: ROLE, Password: 'p', PasswordHash: hash }, 'FTP');
    expect(both.password).toBeUndefined();
    expect(both.passwordHash?.algorithm).toBe('scrypt');
  });

  it('reads the extensions: CIDRs, protocols, Disabled, PosixProfile, HomeDirectoryType', () => {
    const record = parseUserRecord(
      {
        Role: ROLE,
        AllowedSourceCidrs: ['10.0.0.0/16', '2001:db8::/32'],
        AllowedProtocols: 'ftp, FTPS',
        Disabled: 'true',
        PosixProfile: '{"Uid":1000,"Gid":100,"SecondaryGids":[4]}',
        HomeDirectoryType: 'PATH',
        HomeDirectory: '/fs-1234/home',
      },
      'FTPS',
    );
    expect(record.allowedSourceCidrs?.includes('10.0.200.1')).toBe(true);
    expect(record.allowedSourceCidrs?.includes('10.1.0.1')).toBe(false);
    expect(record.allowedSourceCidrs?.includes('2001:db8:ffff::1')).toBe(true);
    expect(record.allowedSourceCidrs?.includes('::ffff:10.0.0.9')).toBe(true);
    expect(record.allowedProtocols).toEqual(['FTP', 'FTPS']);
    expect(record.disabled).toBe(true);
    expect(record.posixProfile).toEqual({ Uid: 1000, Gid: 100, SecondaryGids: [4] });
    expect(record.homeDirectoryType).toBe('PATH');
  });

  const SECRET_VALUE = 'VALUE-THAT-MUST-NOT-LEAK';
  it.each([
    ['(secret)', `not json ${SECRET_VALUE}`],
    ['(secret)', [SECRET_VALUE]],
    ['Role', { Password: SECRET_VALUE }],
    ['Role', { Role: SECRET_VALUE }],
    ['Role', { Role: 42 }],
    ['Password', { Role: ROLE, Password: { v: SECRET_VALUE } }],
    ['PasswordHash', { Role: ROLE, PasswordHash: `$scrypt$${SECRET_VALUE}` }],
    ['FTPPasswordHash', { Role: ROLE, FTPPasswordHash: SECRET_VALUE }],
    ['Policy', { Role: ROLE, Policy: `{${SECRET_VALUE}` }],
    ['Policy', { Role: ROLE, Policy: JSON.stringify({ Statement: SECRET_VALUE.repeat(100) }) }],
    ['HomeDirectoryDetails', { Role: ROLE, HomeDirectoryDetails: `[${SECRET_VALUE}` }],
    ['HomeDirectoryDetails', { Role: ROLE, HomeDirectoryDetails: '[]' }],
    ['HomeDirectoryDetails', { Role: ROLE, HomeDirectoryDetails: [{ Entry: '/', Target: '/bucket/x/' }] }],
    ['HomeDirectoryDetails', { Role: ROLE, HomeDirectoryDetails: [{ Entry: '/', Target: 'bucket/x' }] }],
    ['HomeDirectoryDetails', { Role: ROLE, HomeDirectoryDetails: [{ Entry: 'x', Target: '/bucket/x' }] }],
    [
      'HomeDirectoryDetails',
      { Role: ROLE, HomeDirectoryType: 'PATH', HomeDirectoryDetails: [{ Entry: '/', Target: '/b' }] },
    ],
    ['HomeDirectoryDetails', { Role: ROLE, HomeDirectoryType: 'LOGICAL', HomeDirectory: '/b' }],
    ['HomeDirectoryType', { Role: ROLE, HomeDirectoryType: 'logical' }],
    ['HomeDirectory', { Role: ROLE, HomeDirectory: 'bucket/home' }],
    ['PosixProfile', { Role: ROLE, PosixProfile: { Uid: -1, Gid: 0 } }],
    ['AllowedSourceCidrs', { Role: ROLE, AllowedSourceCidrs: ['10.0.0.0/33'] }],
    ['AllowedSourceCidrs', { Role: ROLE, AllowedSourceCidrs: '10.0.0.0/' }],
    ['AllowedSourceCidrs', { Role: ROLE, AllowedSourceCidrs: 17 }],
    ['AllowedProtocols', { Role: ROLE, AllowedProtocols: ['FTP', 'AS2'] }],
    ['Disabled', { Role: ROLE, Disabled: 'yes' }],
  ])('a bad %s is named in the error, and the value is not', (key, secret) => {
    let error: unknown;
    try {
      parseUserRecord(secret, 'FTP');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidUserRecordError);
    expect((error as InvalidUserRecordError).key).toBe(key);
    expect((error as Error).message.startsWith(`${key}: `)).toBe(true);
    expect(String((error as Error).message) + String((error as Error).cause ?? '')).not.toContain(SECRET_VALUE);
  });
});
