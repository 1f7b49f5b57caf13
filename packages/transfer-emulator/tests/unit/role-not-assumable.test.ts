import { describe, expect, it } from 'vitest';
import type { TransferIdpEvent } from '../../src/identity/identity-provider.js';
import type { EmulatorLogRecord } from '../../src/options.js';
import { openControl } from '../support/raw-control.js';
import { sampleIdp, startTestEmulator } from '../support/test-emulator.js';

describe('fault role-not-assumable', () => {
  it('calls the IdP, which allows, and fails the login with 530 saying why in the log', async () => {
    const calls: TransferIdpEvent[] = [];
    const records: EmulatorLogRecord[] = [];
    await using emulator = await startTestEmulator({
      faults: ['role-not-assumable'],
      idp: async (event) => {
        calls.push(event);
        return sampleIdp(event);
      },
      logger: (record) => records.push(record),
    });
    const control = await openControl(emulator.host, emulator.port);
    try {
      expect((await control.login('alice', 'wonderland')).text).toBe('530 Login incorrect');
      expect((await control.send('PWD')).code).toBe(530); // not logged in
    } finally {
      control.close();
    }
    expect(calls).toHaveLength(1);
    expect(records.find((r) => r.event === 'login')?.message).toMatch(
      /^denied: role arn:aws:iam::111122223333:role\/transfer-user cannot be assumed \(fault role-not-assumable\)$/,
    );
  });
});
