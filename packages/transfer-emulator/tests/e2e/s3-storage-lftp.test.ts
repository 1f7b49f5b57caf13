import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lftp } from '../support/run-process.js';
import { S3_CREDENTIALS as credentials, type LocalS3, startLocalS3 } from '../support/s3-server.js';
import { startTestEmulator, type TestEmulator } from '../support/test-emulator.js';

let s3: LocalS3;
let emulator: TestEmulator;

beforeAll(async () => {
  s3 = await startLocalS3();
  emulator = await startTestEmulator({
    storage: { type: 's3', endpoint: s3.endpoint, credentials, region: 'us-east-1' },
  });
});

afterAll(async () => {
  await emulator?.close();
  await s3?.close();
});

describe('S3 storage through an S3-compatible server, with lftp', () => {
  it('serves lftp over S3 storage', async () => {
    const result = await lftp(
      `ftp://${emulator.host}:${emulator.port}`,
      'bob1',
      'builder',
      ['mkdir work', 'ls'],
      ['set ftp:ssl-allow no'],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^d.* work\r?$/m);
  });
});
