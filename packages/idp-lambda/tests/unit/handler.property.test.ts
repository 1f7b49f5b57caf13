import { Logger } from '@aws-lambda-powertools/logger';
import { InMemoryUserStore } from '@closed-ftp/idp-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../src/index.js';
import { cheapScryptHash, ROLE, SERVER_ID, secretName } from '../support/fixtures.js';

describe('handler (fuzz)', () => {
  // Most denials verify the production-cost dummy hash (~100 ms of CPU): headroom for a busy CI machine.
  it('answers any input with {} or a response holding a Role, and never throws', { timeout: 90_000 }, async () => {
    const userStore = new InMemoryUserStore({
      [secretName('alice')]: { Password: 'pw', Role: ROLE, PublicKey: 'ssh-ed25519 AAAA a' },
      [secretName('bob')]: { PasswordHash: cheapScryptHash('pw'), Role: ROLE },
    });
    const handler = createHandler({
      env: { POWERTOOLS_METRICS_DISABLED: 'true' },
      logger: new Logger({ logLevel: 'SILENT' }),
      userStore,
    });
    const field = <T>(good: T[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...good) }, fc.anything());
    const event = fc.oneof(
      fc.record({
        username: field(['alice', 'bob', 'carol']),
        password: field(['pw', '', 'wrong']),
        protocol: field(['FTP', 'FTPS', 'SFTP']),
        serverId: field([SERVER_ID]),
        sourceIp: field(['10.0.0.1', '::1']),
      }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        const response = (await handler(input)) as Record<string, unknown>;
        if (Object.keys(response).length > 0) expect(response.Role).toBe(ROLE);
      }),
      { numRuns: 300 },
    );
  });
});
