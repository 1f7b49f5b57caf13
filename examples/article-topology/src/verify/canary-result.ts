import {
  type CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { CanaryResultError } from '../errors.js';

/** The canary's newest logged run: what its handler wrote (Powertools Logger JSON), password already redacted. */
export interface CanaryResult {
  at: Date;
  message: string;
  /** Absent when no probe ran (the canary could not read its password, or is misconfigured). */
  verdict?: string;
  firstFailure?: string;
  topCause?: string;
}

/** How far back `verify` looks: six runs of the default 5-minute schedule. */
export const CANARY_LOOKBACK_MINUTES = 30;

// Every record the canary handler writes about a run starts "canary " (run healthy/degraded/failed, no probe ran).
const CANARY_RECORDS = '{ $.message = "canary *" }';

export interface LastCanaryResultOptions {
  logs: CloudWatchLogsClient;
  logGroupName: string;
  now?: Date;
}

/** The newest canary run logged in the last 30 minutes, or undefined when there is none (yet). */
export async function lastCanaryResult(options: LastCanaryResultOptions): Promise<CanaryResult | undefined> {
  const now = (options.now ?? new Date()).getTime();
  let newest: CanaryResult | undefined;
  let nextToken: string | undefined;
  do {
    let page: FilterLogEventsCommandOutput;
    try {
      page = await options.logs.send(
        new FilterLogEventsCommand({
          logGroupName: options.logGroupName,
          filterPattern: CANARY_RECORDS,
          startTime: now - CANARY_LOOKBACK_MINUTES * 60_000,
          endTime: now,
          nextToken,
        }),
      );
    } catch (error) {
      // The log group appears with the canary's first run: until then there is no result, which is not an error.
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw new CanaryResultError(
        `cannot read the canary's log group ${options.logGroupName} (${(error as Error).name}); check the Region and that your credentials may call logs:FilterLogEvents`,
        { cause: error },
      );
    }
    for (const event of page.events ?? []) {
      const result = canaryRecord(event.timestamp, event.message);
      if (result && (newest === undefined || result.at >= newest.at)) newest = result;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return newest;
}

/** One log event as a canary result, or undefined when it is not one of the handler's run records. */
function canaryRecord(timestamp: number | undefined, message: string | undefined): CanaryResult | undefined {
  if (timestamp === undefined || message === undefined) return undefined;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(message);
  } catch {
    return undefined; // not the handler's JSON (a platform line in text format)
  }
  if (typeof record?.message !== 'string' || !record.message.startsWith('canary ')) return undefined;
  const text = (key: string) => (typeof record[key] === 'string' ? { [key]: record[key] as string } : {});
  return {
    at: new Date(timestamp),
    message: record.message,
    ...text('verdict'),
    ...text('firstFailure'),
    ...text('topCause'),
  };
}

/** One line for `verify`: the canary's last run, or that it has none yet (never read as a pass). */
export function renderCanaryResult(canaryName: string, result: CanaryResult | undefined): string {
  if (!result)
    return `canary ${canaryName}: no canary result yet (no run logged in the last ${CANARY_LOOKBACK_MINUTES} minutes)`;
  const at = result.at.toISOString();
  if (result.verdict === undefined) return `canary ${canaryName}: last run at ${at} ran no probe: ${result.message}`;
  const details = [
    result.firstFailure ? `first failure: ${result.firstFailure}` : undefined,
    result.topCause ? `top cause: ${result.topCause}` : undefined,
  ].filter(Boolean);
  return `canary ${canaryName}: last run ${result.verdict} at ${at}${details.length ? ` (${details.join(', ')})` : ''}`;
}
