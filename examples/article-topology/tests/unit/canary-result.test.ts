import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { FakeAwsError, FakeCloudWatchLogs, type FakeHandlers } from '@closed-ftp/test-support/fake-aws';
import { afterEach, describe, expect, it } from 'vitest';
import { CanaryResultError } from '../../src/errors.js';
import { lastCanaryResult, renderCanaryResult } from '../../src/verify/canary-result.js';

const NOW = new Date('2026-12-02T00:30:00.000Z');
const LOG_GROUP = 'ClosedFtpArticle-CanaryLogs0123-AbCdEf';
const minutesAgo = (m: number) => NOW.getTime() - m * 60_000;

// Records as the canary handler writes them (Powertools Logger JSON), and what else its log group holds.
const run = (minutes: number, fields: Record<string, unknown>) => ({
  logStreamName: `2026/12/02/[$LATEST]${minutes}`,
  timestamp: minutesAgo(minutes),
  message: JSON.stringify({
    level: 'INFO',
    timestamp: new Date(minutesAgo(minutes)).toISOString(),
    service: 'closed-ftp-canary',
    ...fields,
  }),
});
const healthy = (m: number) =>
  run(m, { message: 'canary run healthy', canary: 'ClosedFtpArticle/Canary', verdict: 'healthy' });
const failed = (m: number) =>
  run(m, {
    message: 'canary run failed',
    canary: 'ClosedFtpArticle/Canary',
    verdict: 'failed',
    firstFailure: 'dataConnection',
    topCause: 'CFTP-NET-006',
  });
const emf = (m: number) => ({
  timestamp: minutesAgo(m),
  message: JSON.stringify({ _aws: { Timestamp: minutesAgo(m) }, Failure: 1 }),
});
const platform = (m: number) => ({
  timestamp: minutesAgo(m),
  message: JSON.stringify({ type: 'platform.report', record: {} }),
});

let fake: FakeCloudWatchLogs | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function read(handlers: FakeHandlers) {
  fake = await FakeCloudWatchLogs.start({ handlers });
  const logs = new CloudWatchLogsClient({ ...fake.clientConfig, maxAttempts: 1 });
  return lastCanaryResult({ logs, logGroupName: LOG_GROUP, now: NOW });
}

describe("the canary's last result (CloudWatch Logs FilterLogEvents)", () => {
  it("takes the newest run record of the last 30 minutes across pages and streams, ignoring metrics and Lambda's lines", async () => {
    const pages: Record<string, unknown> = {
      '': { events: [healthy(20), emf(20), failed(5)], nextToken: 'page-2' },
      'page-2': { events: [platform(1), healthy(10), emf(5)] },
    };
    const result = await read({ FilterLogEvents: (input) => pages[String(input.nextToken ?? '')] });
    expect(fake!.calls.map((c) => c.input)).toEqual([
      {
        logGroupName: LOG_GROUP,
        filterPattern: '{ $.message = "canary *" }',
        startTime: minutesAgo(30),
        endTime: NOW.getTime(),
      },
      expect.objectContaining({ nextToken: 'page-2' }),
    ]);
    expect(result).toEqual({
      at: new Date(minutesAgo(5)),
      message: 'canary run failed',
      verdict: 'failed',
      firstFailure: 'dataConnection',
      topCause: 'CFTP-NET-006',
    });
    expect(renderCanaryResult('ClosedFtpArticle/Canary', result)).toBe(
      'canary ClosedFtpArticle/Canary: last run failed at 2026-12-02T00:25:00.000Z (first failure: dataConnection, top cause: CFTP-NET-006)',
    );
  });

  it('says a healthy run is healthy', async () => {
    const result = await read({ FilterLogEvents: () => ({ events: [failed(12), healthy(2)] }) });
    expect(renderCanaryResult('c', result)).toBe('canary c: last run healthy at 2026-12-02T00:28:00.000Z');
  });

  it('says when the last run ran no probe (its secret unreadable), without a verdict', async () => {
    const secretFailure = run(3, {
      level: 'ERROR',
      message: 'canary could not read its password: no probe ran',
      canary: 'c',
    });
    const result = await read({ FilterLogEvents: () => ({ events: [healthy(8), secretFailure] }) });
    expect(result?.verdict).toBeUndefined();
    expect(renderCanaryResult('c', result)).toBe(
      'canary c: last run at 2026-12-02T00:27:00.000Z ran no probe: canary could not read its password: no probe ran',
    );
  });

  it('reads "no canary result yet", never a pass, with no run in the window or no log group yet', async () => {
    for (const handler of [
      () => ({ events: [emf(4), platform(4)] }),
      () => ({}),
      () => {
        throw new FakeAwsError('ResourceNotFoundException', 'The specified log group does not exist.');
      },
    ]) {
      const result = await read({ FilterLogEvents: handler });
      expect(result).toBeUndefined();
      const line = renderCanaryResult('c', result);
      expect(line).toBe('canary c: no canary result yet (no run logged in the last 30 minutes)');
      expect(line).not.toMatch(/healthy|pass/);
      await fake!.close();
      fake = undefined;
    }
  });

  it('names the permission to check when CloudWatch Logs refuses', async () => {
    const failing = read({
      FilterLogEvents: () => {
        throw new FakeAwsError('AccessDeniedException', 'User is not authorized to perform: logs:FilterLogEvents');
      },
    });
    await expect(failing).rejects.toThrow(CanaryResultError);
    await expect(failing).rejects.toThrow(/AccessDeniedException.*logs:FilterLogEvents/);
  });
});
