import { createCanaryHandler } from '@closed-ftp/ftp-probe/canary';
import { Template } from 'aws-cdk-lib/assertions';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { describe, expect, it, vi } from 'vitest';
import { FtpCanary } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { peeredStack } from '../support/stacks.js';

useTestApps();

interface EmfRecord {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
  [key: string]: unknown;
}

/** Runs the real handler with the environment the construct deploys, its secret unreadable, and returns its EMF. */
async function handlerRecords(environment: Record<string, string>): Promise<EmfRecord[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    const secretsManager = { send: () => Promise.reject(denied), destroy: () => undefined };
    const handler = createCanaryHandler({ env: environment, secretsManager: secretsManager as never });
    await expect(handler({}, { getRemainingTimeInMillis: () => 60_000 })).resolves.toMatchObject({
      topCause: 'canary-secret',
    });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line): line is EmfRecord => line._aws !== undefined);
}

/** Whether an EMF record holds `metric` under exactly its namespace and dimensions, with the same values. */
function publishes(records: EmfRecord[], metric: cloudwatch.Metric): boolean {
  const dimensions = metric.dimensions ?? {};
  return records.some((record) =>
    record._aws.CloudWatchMetrics.some(
      (directive) =>
        directive.Namespace === metric.namespace &&
        directive.Metrics.some((m) => m.Name === metric.metricName) &&
        directive.Dimensions.some(
          (set) =>
            [...set].sort().join() === Object.keys(dimensions).sort().join() &&
            set.every((name) => record[name] === dimensions[name]),
        ),
    ),
  );
}

describe("FtpCanary's metrics, against what the handler publishes", () => {
  it('reads Success, Failure and Failure by TopCause under the namespace and dimensions of the EMF records', async () => {
    const { stack, server, clientVpc } = peeredStack();
    const canary = new FtpCanary(stack, 'Canary', {
      server,
      user: server.addUser('canary1'),
      vpc: clientVpc,
      addSecretsManagerEndpoint: true,
    });
    const fn = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: { CANARY_NAME: canary.canaryName } } },
      }),
    )[0]!;
    const environment = {
      ...(fn.Properties.Environment.Variables as Record<string, string>),
      // Tokens in the template, replaced by what they resolve to at deploy time.
      FTP_HOST: 'vpce-0abc-1234.vpce-svc-0def.eu-west-1.vpce.amazonaws.com',
      FTP_PASSWORD_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:aws/transfer/s-0/canary1-AbCdEf',
    };
    const records = await handlerRecords(environment);
    expect(records.length).toBeGreaterThan(0);
    expect(publishes(records, canary.metricFailure())).toBe(true);
    expect(publishes(records, canary.metricSuccess())).toBe(true);
    expect(publishes(records, canary.metricFailuresByCause('canary-secret'))).toBe(true);
    // And the check itself can fail: another canary's name, or a cause that did not happen, is not published.
    expect(publishes(records, canary.metricFailure({ dimensionsMap: { Canary: 'another' } }))).toBe(false);
    expect(publishes(records, canary.metricFailuresByCause('CFTP-NET-006'))).toBe(false);
  });
});
