// The server's metric filters, as the construct synthesizes them, evaluated the way CloudWatch Logs evaluates them
// over the Transfer-format records transfer-emulator writes for real FTP sessions (basic-ftp): a failed login, a
// refused delete and an interrupted upload.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createTempDir, freePortRange } from '@closed-ftp/test-support';
import { compileMetricFilter } from '@closed-ftp/test-support/metric-filter';
import { startEmulator, type TransferLogRecord } from '@closed-ftp/transfer-emulator';
import { Template } from 'aws-cdk-lib/assertions';
import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { LOG_ACTIVITY_METRICS, type LogActivityType } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { serverStack } from '../support/stacks.js';

useTestApps();

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const PASSWORD = 'Canary-Pa55word!';
const SERVER_ID = 's-0123456789abcdef0';
// The user may read and write, not delete: a DELE is Transfer's ERROR of a permission failure.
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' },
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::bucket/home/alice/*' },
  ],
});

/** The three metric filters of a server, as the template has them: activity type -> pattern and dimension. */
function synthesizedFilters(): Record<LogActivityType, { pattern: string; dimension: string }> {
  const { stack, server } = serverStack();
  server.metricAuthFailures();
  server.metricServerErrors();
  server.metricPartialUploads();
  const filters = Object.values(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter'));
  const byMetric = (metricName: string) => {
    const filter = filters.find((f) => f.Properties.MetricTransformations[0].MetricName === metricName)!;
    const [dimension] = filter.Properties.MetricTransformations[0].Dimensions;
    expect(dimension.Key).toBe('ServerArn');
    return { pattern: filter.Properties.FilterPattern as string, dimension: dimension.Value as string };
  };
  return {
    AUTH_FAILURE: byMetric(LOG_ACTIVITY_METRICS.AUTH_FAILURE),
    ERROR: byMetric(LOG_ACTIVITY_METRICS.ERROR),
    PARTIAL_CLOSE: byMetric(LOG_ACTIVITY_METRICS.PARTIAL_CLOSE),
  };
}

/** Sessions that give one AUTH_FAILURE, one ERROR and one PARTIAL_CLOSE among ordinary records. */
async function emulatorRecords(): Promise<TransferLogRecord[]> {
  await using root = await createTempDir('cdk-closed-ftp-logs');
  await mkdir(join(root.path, 'bucket', 'home', 'alice'), { recursive: true });
  const records: TransferLogRecord[] = [];
  const emulator = await startEmulator({
    root: root.path,
    port: 0,
    passivePorts: await freePortRange(9),
    serverId: SERVER_ID,
    loginFailureDelayMs: 0,
    idp: async ({ username, password }) =>
      username === 'alice' && password === PASSWORD
        ? { Role: 'arn:aws:iam::111122223333:role/ftp', HomeDirectory: '/bucket/home/alice', Policy: POLICY }
        : {},
    transferLogger: (record) => records.push(record),
  });
  const client = () => new Client(10_000);
  const access = (c: Client, password: string) =>
    c.access({ host: '127.0.0.1', port: emulator.port, user: 'alice', password });
  try {
    const wrong = client();
    await expect(access(wrong, 'not-the-password')).rejects.toThrow(/530/);
    wrong.close();

    const alice = client();
    try {
      await access(alice, PASSWORD);
      await alice.uploadFrom(Readable.from([Buffer.from('kept')]), 'kept.txt');
      await expect(alice.remove('kept.txt')).rejects.toThrow(/550/);
      // An upload cut off midway: some bytes, then the data connection is reset.
      const endless = new Readable({ read() {} });
      endless.push(Buffer.alloc(8_192, 1));
      const upload = alice.uploadFrom(endless, 'cut.bin');
      for (let i = 0; i < 100 && !records.some((r) => r.path?.endsWith('/cut.bin')); i++) await pause(20);
      await pause(200);
      alice.ftp.dataSocket?.resetAndDestroy();
      await expect(upload).rejects.toThrow();
    } finally {
      alice.close();
    }
    for (let i = 0; i < 100 && records.filter((r) => r['activity-type'] === 'DISCONNECTED').length < 2; i++) {
      await pause(20);
    }
  } finally {
    await emulator.close();
  }
  return records;
}

describe("the server's metric filters over transfer-emulator's Transfer-format logs", () => {
  it('each counts the records of its own event, and none of the others', async () => {
    const filters = synthesizedFilters();
    const records = await emulatorRecords();
    const lines = records.map((record) => JSON.stringify(record)); // as CloudWatch Logs stores them
    const types = records.map((r) => r['activity-type']);
    // The sessions wrote their ordinary records too: the filters must pass over them.
    expect(types).toEqual(expect.arrayContaining(['CONNECTED', 'OPEN', 'CLOSE', 'DISCONNECTED']));
    for (const activity of Object.keys(filters) as LogActivityType[]) {
      const { pattern, dimension } = filters[activity];
      expect(pattern).toBe(`{ $.activity-type = "${activity}" }`);
      const filter = compileMetricFilter(pattern);
      const matched = lines.filter((line) => filter.matches(line));
      expect(matched.length, activity).toBe(1);
      expect(matched.map((line) => JSON.parse(line)['activity-type'])).toEqual([activity]);
      expect(lines.filter((_line, i) => types[i] === activity)).toEqual(matched);
      // The dimension the metric is read by is there to take: the server's ARN.
      expect(dimension).toBe('$.resource-arn');
      expect(JSON.parse(matched[0]!)['resource-arn']).toMatch(new RegExp(`:server/${SERVER_ID}$`));
    }
    const byType = (type: string) => records.find((r) => r['activity-type'] === type)!;
    expect(byType('AUTH_FAILURE')).toMatchObject({ user: 'alice', 'source-ip': '127.0.0.1' });
    expect(byType('ERROR').message).toMatch(/s3:DeleteObject/);
    expect(byType('PARTIAL_CLOSE')).toMatchObject({ path: '/bucket/home/alice/cut.bin' });
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });
});
