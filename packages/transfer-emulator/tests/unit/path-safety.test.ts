import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveVirtualPath } from '../../src/files/virtual-path.js';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

describe('resolveVirtualPath', () => {
  it('never climbs above /', () => {
    expect(resolveVirtualPath('/a/b', '../../../../etc/passwd')).toBe('/etc/passwd');
    expect(resolveVirtualPath('/', '..')).toBe('/');
    expect(resolveVirtualPath('/a', './b//c/./')).toBe('/a/b/c');
    expect(resolveVirtualPath('/a', '/x/../y')).toBe('/y');
    expect(resolveVirtualPath('/a', '..%2F..%2Fetc')).toBe('/a/..%2F..%2Fetc'); // nothing is URL-decoded
    expect(() => resolveVirtualPath('/', 'a\0b')).toThrow(/NUL/);
  });
});

describe('no path escapes its mapping', () => {
  it('keeps a LOGICAL user inside their directories: .., absolute paths, encoded and back slashes', async () => {
    await using emulator = await startTestEmulator();
    await writeFile(join(emulator.root, 'bucket/home/secret.txt'), 'not for bob');
    await writeFile(join(emulator.root, 'bucket/home/bob1/mine.txt'), 'bob');
    const control = await openControl(emulator.host, emulator.port);
    try {
      await control.login('bob1', 'builder');
      expect((await control.send('SIZE mine.txt')).text).toBe('213 3');
      expect((await control.send('SIZE ../secret.txt')).code).toBe(550);
      expect((await control.send('SIZE /../../secret.txt')).code).toBe(550);
      expect((await control.send('SIZE ..%2Fsecret.txt')).code).toBe(550);
      expect((await control.send('SIZE ..\\secret.txt')).code).toBe(550);
      expect((await control.send('SIZE /etc/passwd')).code).toBe(550);
      expect((await control.send('CWD ../..')).code).toBe(250);
      expect((await control.send('PWD')).text).toBe('257 "/" is the current directory');
      expect((await control.send('MKD ..%2F..%2Fescaped')).code).toBe(257);
      expect((await control.send('MKD ..\\..\\escaped')).code).toBe(550);
      expect((await control.send('SIZE a\0b')).code).toBe(550);
    } finally {
      control.close();
    }
    // The encoded name stayed one literal folder inside bob's home.
    expect(existsSync(join(emulator.root, 'bucket/home/bob1/..%2F..%2Fescaped'))).toBe(true);
    expect(existsSync(join(emulator.root, 'escaped'))).toBe(false);
  });

  it('never follows a symbolic link in the local folder', async () => {
    await using emulator = await startTestEmulator();
    const home = join(emulator.root, 'bucket/home/alice');
    await mkdir(join(emulator.root, 'outside'));
    await writeFile(join(emulator.root, 'outside/data.txt'), 'outside');
    await symlink(join(emulator.root, 'outside'), join(home, 'dirlink'));
    await symlink(join(emulator.root, 'outside/data.txt'), join(home, 'filelink'));
    const control = await openControl(emulator.host, emulator.port);
    try {
      await control.login('alice', 'wonderland');
      expect((await control.send('SIZE filelink')).code).toBe(550);
      expect((await control.send('SIZE dirlink/data.txt')).code).toBe(550);
      expect((await control.send('CWD dirlink')).code).toBe(550);
      expect((await control.send('DELE filelink')).code).toBe(550);
      expect((await control.send('RNFR filelink')).code).toBe(550);
      expect((await control.send('MLST /bucket/home/alice')).code).toBe(250);
      expect((await control.send('STAT /bucket/home/alice')).text).not.toMatch(/link/);
    } finally {
      control.close();
    }
    expect(existsSync(join(home, 'filelink'))).toBe(true);
  });
});
