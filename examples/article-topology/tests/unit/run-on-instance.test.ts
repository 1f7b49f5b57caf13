import { GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { RunCommandError } from '../../src/errors.js';
import { runOnInstance } from '../../src/verify/run-on-instance.js';

const ssm = mockClient(SSMClient);
const notYet = Object.assign(new Error('not yet'), { name: 'InvocationDoesNotExist' });

beforeEach(() => ssm.reset());

const run = (statuses: string[] = []) =>
  runOnInstance({
    ssm: new SSMClient({ region: 'eu-west-1' }),
    instanceId: 'i-0123456789abcdef0',
    commands: ['echo hi'],
    timeoutSeconds: 1,
    pollIntervalMs: 1,
    onStatus: (s) => statuses.push(s),
  });

describe('runOnInstance (SSM Run Command)', () => {
  it('sends AWS-RunShellScript to the instance and waits through a missing invocation to the result', async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
    ssm
      .on(GetCommandInvocationCommand)
      .rejectsOnce(notYet)
      .resolvesOnce({ Status: 'InProgress' })
      .resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: '{"verdict":"healthy"}' });
    const statuses: string[] = [];
    const result = await run(statuses);
    expect(result).toEqual({ status: 'Success', exitCode: 0, stdout: '{"verdict":"healthy"}', stderr: '' });
    expect(statuses).toEqual(['InProgress', 'Success']);
    const sent = ssm.commandCalls(SendCommandCommand)[0]!.args[0].input;
    expect(sent).toMatchObject({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: ['i-0123456789abcdef0'],
      Parameters: { commands: ['echo hi'], executionTimeout: ['1'] },
    });
    expect(ssm.commandCalls(GetCommandInvocationCommand)[0]!.args[0].input).toEqual({
      CommandId: 'cmd-1',
      InstanceId: 'i-0123456789abcdef0',
    });
  });

  it("returns a failed command's exit code and output", async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-2' } });
    ssm.on(GetCommandInvocationCommand).resolves({ Status: 'Failed', ResponseCode: 1, StandardErrorContent: 'boom' });
    expect(await run()).toMatchObject({ status: 'Failed', exitCode: 1, stderr: 'boom' });
  });

  it('passes other SSM errors through and fails when SSM returns no command id', async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-3' } });
    ssm.on(GetCommandInvocationCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(run()).rejects.toThrow(/denied/);
    ssm.reset();
    ssm.on(SendCommandCommand).resolves({});
    await expect(run()).rejects.toThrow(RunCommandError);
  });
});
