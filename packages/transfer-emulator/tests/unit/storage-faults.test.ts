import { describe, expect, it } from 'vitest';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

describe('storage-unreachable, a storage that never answers', () => {
  it('lets login, PWD and PASV work and leaves every storage command without a reply', async () => {
    await using emulator = await startTestEmulator({ faults: ['storage-unreachable'] });
    for (const command of ['SIZE readme.txt', 'CWD sub', 'MKD new', 'RETR a.txt', 'LIST sub']) {
      const control = await openControl(emulator.host, emulator.port);
      try {
        expect((await control.login('alice', 'wonderland')).code).toBe(230);
        expect((await control.send('PWD')).code).toBe(257);
        expect((await control.send('EPSV')).code).toBe(229);
        await expect(control.send(command, 700), command).rejects.toThrow(/no reply within 700 ms/);
      } finally {
        control.close();
      }
    }
  });
});
