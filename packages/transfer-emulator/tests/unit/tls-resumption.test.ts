import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { openControl } from '../support/raw-control.js';
import { startTestEmulator } from '../support/test-emulator.js';

describe('TlsSessionResumptionMode ENFORCED', () => {
  it('refuses a data connection that does not resume the TLS session with the text Transfer sends', async () => {
    await using emulator = await startTestEmulator({ ftps: true });
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.send('AUTH TLS')).code).toBe(234);
      await control.startTls(emulator.certificate);
      await control.login('alice', 'wonderland');
      expect((await control.send('PBSZ 0')).code).toBe(200);
      expect((await control.send('PROT P')).code).toBe(200);
      const port = Number(/\|\|\|(\d+)\|/.exec((await control.send('EPSV')).text)![1]);
      const plain = connect({ host: emulator.host, port });
      await new Promise((done) => plain.once('connect', done));
      expect((await control.send('LIST')).code).toBe(150);
      // A fresh TLS session (no ticket from the control connection).
      const data = connectTls({ socket: plain, ca: emulator.certificate, servername: 'localhost' });
      data.on('error', () => {});
      expect((await control.reply()).text).toBe('522 Data connection must use cached TLS session');
      data.destroy();
    } finally {
      control.close();
    }
  });
});
