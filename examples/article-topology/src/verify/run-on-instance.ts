import {
  GetCommandInvocationCommand,
  type GetCommandInvocationCommandOutput,
  SendCommandCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { RunCommandError } from '../errors.js';

export interface RunOnInstanceOptions {
  ssm: SSMClient;
  instanceId: string;
  /** Shell lines for `AWS-RunShellScript`. */
  commands: string[];
  /** How long the command may run on the instance. */
  timeoutSeconds: number;
  /** @default 2000 */
  pollIntervalMs?: number;
  /** Called with each new status, for progress output. */
  onStatus?: (status: string) => void;
}

export interface CommandResult {
  status: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

const DONE = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Cancelling']);

/** Runs shell lines on an instance through SSM Run Command and waits for their result. */
export async function runOnInstance(options: RunOnInstanceOptions): Promise<CommandResult> {
  const sent = await options.ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [options.instanceId],
      Comment: 'closed-ftp article-topology: ftp-probe',
      Parameters: { commands: options.commands, executionTimeout: [String(options.timeoutSeconds)] },
      TimeoutSeconds: 60,
    }),
  );
  const commandId = sent.Command?.CommandId;
  if (!commandId) throw new RunCommandError('SSM accepted the command but returned no command id');
  const deadline = Date.now() + (options.timeoutSeconds + 60) * 1000;
  let last = '';
  while (Date.now() < deadline) {
    await sleep(options.pollIntervalMs ?? 2000);
    let invocation: GetCommandInvocationCommandOutput;
    try {
      invocation = await options.ssm.send(
        new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: options.instanceId }),
      );
    } catch (error) {
      // Right after SendCommand the invocation may not exist yet.
      if ((error as { name?: string }).name === 'InvocationDoesNotExist') continue;
      throw error;
    }
    const status = invocation.Status ?? 'Unknown';
    if (status !== last) options.onStatus?.(status);
    last = status;
    if (DONE.has(status)) {
      return {
        status,
        exitCode: invocation.ResponseCode ?? -1,
        stdout: invocation.StandardOutputContent ?? '',
        stderr: invocation.StandardErrorContent ?? '',
      };
    }
  }
  throw new RunCommandError(`command ${commandId} did not finish within ${options.timeoutSeconds + 60} s`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
