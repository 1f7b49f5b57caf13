#!/usr/bin/env node
// `npm run verify`: runs ftp-probe on the deployed client instance through SSM Run Command and prints its report.
import { parseArgs } from 'node:util';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { ProbeReport } from '@closed-ftp/ftp-probe';
import { STACK_NAME } from '../article-app.js';
import { ArticleTopologyError, VerifyInputError } from '../errors.js';
import { lastCanaryResult, renderCanaryResult } from '../verify/canary-result.js';
import { probeCommand } from '../verify/probe-command.js';
import { renderReport } from '../verify/render-report.js';
import { runOnInstance } from '../verify/run-on-instance.js';
import { readDeployedArticle } from '../verify/stack-outputs.js';

const USAGE = `Usage: npm run verify -- [--json] [--write] [--outputs cdk-outputs.json] [--timeout 60]

Runs ftp-probe on the example's EC2 client (SSM Run Command) against the Transfer endpoint, as user1,
then prints the canary's last run (CloudWatch Logs, last 30 minutes) when there is one.
Exit status: 0 healthy, 1 the probe found a failure, 2 usage or AWS error.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      outputs: { type: 'string', default: 'cdk-outputs.json' },
      timeout: { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 5)
    throw new VerifyInputError('--timeout', 'use whole seconds, at least 5');
  const deployed = await readDeployedArticle(values.outputs, STACK_NAME);
  const commands = probeCommand({
    host: deployed.endpointDnsName,
    userName: deployed.userName,
    secretId: deployed.userSecretArn,
    region: deployed.region,
    probePath: deployed.probePath,
    timeoutSeconds,
    write: values.write,
  });
  process.stderr.write(`running ftp-probe on ${deployed.clientInstanceId} against ${deployed.endpointDnsName}...\n`);
  const result = await runOnInstance({
    ssm: new SSMClient({ region: deployed.region }),
    instanceId: deployed.clientInstanceId,
    commands,
    timeoutSeconds: timeoutSeconds + 30,
    onStatus: (status) => process.stderr.write(`  SSM: ${status}\n`),
  });
  let report: ProbeReport;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    process.stderr.write(
      `the probe printed no report (SSM ${result.status}, exit ${result.exitCode}):\n${result.stderr}\n`,
    );
    return 2;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : renderReport(report));
  // The canary's line is news, not the verdict: stdout in text, stderr beside --json's report; the exit status stays the probe's.
  const canaryLine = await canaryResultLine(deployed.canaryName, deployed.canaryLogGroupName, deployed.region);
  if (values.json) process.stderr.write(`${canaryLine}\n`);
  else console.log(canaryLine);
  return report.verdict === 'healthy' ? 0 : 1;
}

async function canaryResultLine(canaryName: string, logGroupName: string, region: string): Promise<string> {
  try {
    const result = await lastCanaryResult({ logs: new CloudWatchLogsClient({ region }), logGroupName });
    return renderCanaryResult(canaryName, result);
  } catch (error) {
    if (!ArticleTopologyError.isInstance(error)) throw error;
    return `canary ${canaryName}: last result unknown: ${(error as Error).message}`;
  }
}

// exitCode, not exit(): a long report piped elsewhere must be written out completely.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    const known = usage || ArticleTopologyError.isInstance(error);
    process.stderr.write(`verify: ${known ? (error as Error).message : String(error)}\n${usage ? `${USAGE}\n` : ''}`);
    process.exitCode = 2;
  },
);
