import { describe, expect, it } from 'vitest';
import { parseTarget, TargetError } from '../../src/index.js';

describe('parseTarget', () => {
  it('reads ftp and ftps URLs with default and explicit ports', () => {
    expect(parseTarget('ftp://alice@vpce-1.example:2121')).toEqual({
      host: 'vpce-1.example',
      port: 2121,
      user: 'alice',
      secure: false,
    });
    expect(parseTarget('ftps://bob%40corp@10.0.0.5')).toEqual({
      host: '10.0.0.5',
      port: 21,
      user: 'bob@corp',
      secure: true,
    });
    expect(parseTarget('ftp://u@[::1]:21').host).toBe('::1');
  });

  it.each([
    ['not a url', 'target'],
    ['sftp://alice@host', 'target'],
    ['ftp://host', 'user'],
    ['ftp://alice:secret@host', 'password'],
    ['ftp://alice@host/some/dir', 'path'],
    ['ftp://alice:secret@host:99999', 'target'],
    ['ftp://alice:se/cret@bad host', 'target'],
    ['ftp://alice%0D%0ADELE%20x@host', 'user'],
    ['ftp://al%E0ice@host', 'user'],
  ])('rejects %s naming the field %s', (url, field) => {
    let error: unknown;
    try {
      parseTarget(url);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TargetError);
    expect((error as TargetError).field).toBe(field);
    expect((error as Error).message).not.toMatch(/secret|se\/cret/);
  });
});
