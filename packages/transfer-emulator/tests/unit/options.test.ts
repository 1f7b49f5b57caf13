import { describe, expect, it } from 'vitest';
import { EmulatorOptionError } from '../../src/errors.js';
import type { EmulatorOptions } from '../../src/options.js';
import { startEmulator } from '../../src/start-emulator.js';

const idp = async () => ({});

describe('startEmulator options', () => {
  it.each([
    [{ idp }, /^root: .*required/],
    [{ root: '/tmp', idp: '' }, /^idp: expected a handler function/],
    [{ root: '/tmp', idp, port: 70000 }, /^port: expected an integer 0-65535/],
    [
      { root: '/tmp', idp, passivePorts: { from: 9000, to: 8000 } },
      /^passivePorts: 'to' \(8000\) is below 'from' \(9000\)/,
    ],
    [{ root: '/tmp', idp, passiveIp: 'example.com' }, /^passiveIp: expected AUTO, 0\.0\.0\.0 or an IPv4 address/],
    [{ root: '/tmp', idp, faults: ['dns-broken'] }, /^faults: unknown fault 'dns-broken'; known: storage-unreachable/],
    [
      { root: '/tmp', idp, tlsSessionResumption: 'SOMETIMES' },
      /^tlsSessionResumption: expected DISABLED, ENABLED or ENFORCED/,
    ],
    [{ root: '/tmp', idp, idpTimeoutMs: -1 }, /^idpTimeoutMs: expected a positive number/],
    [{ root: '/tmp', idp, ftps: { cert: 'x' } }, /^ftps: give both cert and key/],
    [{ root: '/tmp', idp, serverId: 's-123' }, /^serverId: expected "s-" and 17 lowercase hex digits/],
    [{ root: '/tmp', idp, passiveTimeoutSeconds: 0 }, /^passiveTimeoutSeconds: expected a positive number/],
    [{ root: '/tmp', idp, loginFailureDelayMs: -5 }, /^loginFailureDelayMs: expected 0 or more/],
    [{ root: '/tmp', idp, maxLoginFailures: 0 }, /^maxLoginFailures: expected a whole number of at least 1/],
    [{ root: '/tmp', idp, port: 0, ftps: { cert: 'x', key: 'y' } }, /^ftps: the certificate or key is not usable PEM/],
  ])('rejects %j with a message naming the option', async (options, message) => {
    const attempt = startEmulator(options as unknown as EmulatorOptions);
    await expect(attempt).rejects.toBeInstanceOf(EmulatorOptionError);
    await expect(attempt).rejects.toThrow(message);
  });
});
