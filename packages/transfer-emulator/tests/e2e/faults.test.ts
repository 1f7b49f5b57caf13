import { createServer } from 'node:net';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { openControl } from '../support/raw-control.js';
import { runProcess } from '../support/run-process.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

const login = ['-u', 'alice:wonderland'];

/** Lists the home folder with curl as alice; `options` are curl's time limits and verbosity. */
function curlList(emulator: TestEmulator, options: string[]) {
  return runProcess('curl', ['-sS', ...options, ...login, `ftp://${emulator.host}:${emulator.port}/`]);
}

/** Logs in with basic-ftp (1.5 s timeout) and expects its LIST to fail with `error`. */
async function expectBasicFtpListToFail(emulator: TestEmulator, error: RegExp): Promise<void> {
  const client = new Client(1500);
  try {
    await client.access({ host: emulator.host, port: emulator.port, user: 'alice', password: 'wonderland' });
    await expect(client.list()).rejects.toThrow(error);
  } finally {
    client.close();
  }
}

describe('faults, as real clients see them', () => {
  it('storage-unreachable: login works, LIST hangs before 150 (curl times out, exit 28)', async () => {
    await using emulator = await startTestEmulator({ faults: ['storage-unreachable'] });
    const result = await curlList(emulator, ['-v', '--max-time', '3']);
    expect(result.code).toBe(28);
    expect(result.stderr).toMatch(/< 230/);
    expect(result.stderr).toMatch(/> LIST/);
    expect(result.stderr).not.toMatch(/< 150/);
  });

  it('storage-unreachable: basic-ftp reports a control socket timeout', async () => {
    await using emulator = await startTestEmulator({ faults: ['storage-unreachable'] });
    await expectBasicFtpListToFail(emulator, /Timeout \(control socket\)/);
  });

  it('storage-unreachable-after-150: 150 arrives, then no data and no 226', async () => {
    await using emulator = await startTestEmulator({ faults: ['storage-unreachable-after-150'] });
    const result = await curlList(emulator, ['-v', '--max-time', '3']);
    expect(result.code).toBe(28);
    expect(result.stderr).toMatch(/< 150/);
    expect(result.stderr).not.toMatch(/< 226/);
    await expectBasicFtpListToFail(emulator, /Timeout/);
  });

  it('data-ports-blocked: the data connection times out (no refusal)', async () => {
    await using emulator = await startTestEmulator({ faults: ['data-ports-blocked'] });
    const result = await curlList(emulator, ['-v', '--connect-timeout', '2', '--max-time', '6']);
    expect(result.stderr).toMatch(/< 229 Entering Extended Passive Mode/);
    expect(result.code).toBe(28);
    expect(result.stderr).not.toMatch(/Connection refused/);
    expect(result.durationMs).toBeGreaterThanOrEqual(1900);

    await expectBasicFtpListToFail(emulator, /Timeout when trying to open data connection/);
  });

  it('data-ports-blocked: close() stops the worker at once and frees every passive port', async () => {
    const emulator = await startTestEmulator({ faults: ['data-ports-blocked'] }, 3);
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(1000); // no wait for the worker's 1 s Atomics.wait slice
    const { from, to } = emulator.passivePorts;
    for (let port = from; port <= to; port++) {
      const server = createServer();
      await new Promise<void>((listening, fail) => {
        server.once('error', fail);
        server.listen({ host: emulator.host, port, exclusive: true }, listening);
      });
      await new Promise((closed) => server.close(closed));
    }
  });

  it('passive-ip-unroutable: PASV names a TEST-NET-1 address, EPSV is unaffected', async () => {
    await using emulator = await startTestEmulator({ faults: ['passive-ip-unroutable'] });
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.login('alice', 'wonderland')).code).toBe(230);
      expect((await control.send('PASV')).text).toMatch(/^227 Entering Passive Mode \(192,0,2,1,\d+,\d+\)$/);
      expect((await control.send('EPSV')).text).toMatch(/^229 Entering Extended Passive Mode \(\|\|\|\d+\|\)$/);
    } finally {
      control.close();
    }
  });

  it('idp-timeout: the login is denied after idpTimeoutMs', async () => {
    await using emulator = await startTestEmulator({ faults: ['idp-timeout'], idpTimeoutMs: 800 });
    const result = await curlList(emulator, ['--max-time', '5']);
    expect(result.code).toBe(67);
    expect(result.durationMs).toBeGreaterThanOrEqual(750);
  });

  it('idp-error: the login is denied at once', async () => {
    // With a 10 s IdP limit a denial that waited for the timeout could not come back within curl's 5 s.
    await using emulator = await startTestEmulator({ faults: ['idp-error'], idpTimeoutMs: 10_000 });
    const result = await curlList(emulator, ['--max-time', '5']);
    expect(result.code).toBe(67);
    expect(result.durationMs).toBeLessThan(2500);
  });

  it('role-not-assumable: the IdP allows, the login still fails with 530 (curl 67)', async () => {
    await using emulator = await startTestEmulator({ faults: ['role-not-assumable'] });
    const result = await curlList(emulator, ['--max-time', '5']);
    expect(result.code).toBe(67);
  });
});
