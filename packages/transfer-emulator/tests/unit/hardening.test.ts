// Hostile clients on loopback: what they must not get from the emulator.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

describe('hardening', () => {
  it('shows no server path in a reply, even for a filesystem error', async () => {
    await using emulator = await startTestEmulator();
    const control = await openControl(emulator.host, emulator.port);
    try {
      await control.login('alice', 'wonderland');
      const long = 'n'.repeat(300); // over NAME_MAX: the filesystem refuses it (ENAMETOOLONG)
      const replies = [
        await control.send(`MKD ${long}`),
        await control.send(`SIZE ${long}/x`),
        await control.send(`RMD ${long}`),
        await control.send(`DELE ${long}`),
      ];
      for (const reply of replies) {
        expect(reply.code).toBeGreaterThanOrEqual(500);
        expect(reply.text).not.toContain(emulator.root);
        expect(reply.text).not.toMatch(/\/tmp\/|ENAMETOOLONG.*'/);
      }
    } finally {
      control.close();
    }
  });

  it('releases a passive reservation nobody used, so idle sessions cannot lock the next one out', async () => {
    await using emulator = await startTestEmulator({ passiveTimeoutSeconds: 1 }, 1);
    const idle = await openControl(emulator.host, emulator.port);
    const next = await openControl(emulator.host, emulator.port);
    try {
      await idle.login('alice', 'wonderland');
      await next.login('alice', 'wonderland');
      expect((await idle.send('EPSV')).code).toBe(229); // holds the only port, never connects
      const started = performance.now();
      const reply = await next.send('EPSV', 10_000); // waits for the port instead of failing
      expect(reply.code).toBe(229);
      expect(performance.now() - started).toBeGreaterThan(800);
      expect(performance.now() - started).toBeLessThan(5_000);
      const port = Number(/\|\|\|(\d+)\|/.exec(reply.text)![1]);
      const data = connect({ host: emulator.host, port }); // at once: a connected reservation is never released
      await new Promise((done) => data.once('connect', done));
      // The released reservation is gone for its session too: a transfer now asks for PASV/EPSV first.
      expect((await idle.send('LIST')).text).toBe('425 Use PASV or EPSV first');
      await new Promise((done) => setTimeout(done, 1_200)); // past the timeout: the connected one stays usable
      expect((await next.send('LIST')).code).toBe(150);
      expect((await next.reply()).code).toBe(226);
      data.destroy();
    } finally {
      idle.close();
      next.close();
    }
  });

  it('answers each further failed login of a session later, then closes the session', async () => {
    await using emulator = await startTestEmulator({ loginFailureDelayMs: 300, maxLoginFailures: 3 });
    const control = await openControl(emulator.host, emulator.port);
    try {
      const times: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const started = performance.now();
        expect((await control.login('alice', `wrong${attempt}`)).code).toBe(530);
        times.push(performance.now() - started);
      }
      expect(times[0]).toBeLessThan(250); // a typo costs nothing
      expect(times[1]).toBeGreaterThanOrEqual(280);
      expect(times[2]).toBeGreaterThanOrEqual(580);
      expect((await control.reply()).text).toBe('421 Too many failed logins: closing control connection');
    } finally {
      control.close();
    }
    // A new session starts afresh: the right password works at once.
    const again = await openControl(emulator.host, emulator.port);
    try {
      expect((await again.login('alice', 'wonderland')).code).toBe(230);
    } finally {
      again.close();
    }
  });

  it('slows failed logins by default: 1 s for the second failure', async () => {
    await using emulator = await startTestEmulator();
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.login('alice', 'wrong')).code).toBe(530);
      const started = performance.now();
      expect((await control.login('alice', 'wrong')).code).toBe(530);
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      control.close();
    }
  });
});
