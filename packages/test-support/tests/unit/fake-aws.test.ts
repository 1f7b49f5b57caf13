import { DescribeVpcsCommand, EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetCommandInvocationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { TestIdentityProviderCommand, TransferClient } from '@aws-sdk/client-transfer';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeAwsEndpoint,
  FakeAwsError,
  FakeEc2,
  FakeSecretsManager,
  FakeSsm,
  FakeTransfer,
  paginate,
} from '../../src/fake-aws/index.js';

const started: FakeAwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});
async function track<T extends FakeAwsEndpoint>(fake: Promise<T>): Promise<T> {
  started.push(await fake);
  return started.at(-1) as T;
}
const NAME = 'aws/transfer/s-0123456789abcdef0/alice';

describe('FakeSecretsManager through the real SDK client', () => {
  it('stores, reads, creates and updates secrets as the service answers', async () => {
    const fake = await track(FakeSecretsManager.start());
    const client = new SecretsManagerClient(fake.clientConfig);
    fake.put(NAME, { Password: 'p' });
    const read = await client.send(new GetSecretValueCommand({ SecretId: NAME }));
    expect(JSON.parse(read.SecretString!)).toEqual({ Password: 'p' });
    await client.send(new CreateSecretCommand({ Name: 'other', SecretString: 'v1' }));
    await client.send(new PutSecretValueCommand({ SecretId: 'other', SecretString: 'v2' }));
    expect(fake.secrets.get('other')?.secretString).toBe('v2');
    await expect(client.send(new CreateSecretCommand({ Name: 'other', SecretString: 'x' }))).rejects.toMatchObject({
      name: 'ResourceExistsException',
    });
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(fake.calls.map((c) => c.operation)).toEqual([
      'GetSecretValue',
      'CreateSecret',
      'PutSecretValue',
      'CreateSecret',
      'GetSecretValue',
    ]);
  });

  it('throttles the scoped number of calls, and the SDK retries through them', async () => {
    const fake = await track(FakeSecretsManager.start());
    fake.put(NAME, 'x');
    fake.fail({ kind: 'throttle' }, { operation: 'GetSecretValue', times: 2 });
    const client = new SecretsManagerClient({ ...fake.clientConfig, maxAttempts: 3, retryStrategy: undefined });
    await expect(client.send(new GetSecretValueCommand({ SecretId: NAME }))).resolves.toMatchObject({
      SecretString: 'x',
    });
    expect(fake.callCount('GetSecretValue')).toBe(3);
  });

  it('plays 5xx, service errors, garbage, slowness and a hang', async () => {
    const fake = await track(FakeSecretsManager.start());
    fake.put(NAME, 'x');
    const client = new SecretsManagerClient({ ...fake.clientConfig, maxAttempts: 1 });
    const get = () => client.send(new GetSecretValueCommand({ SecretId: NAME }));

    fake.fail({ kind: 'server-error', status: 503 }, { times: 1 });
    await expect(get()).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    fake.fail({ kind: 'error', code: 'AccessDeniedException', message: 'no' }, { times: 1 });
    await expect(get()).rejects.toMatchObject({ name: 'AccessDeniedException' });
    fake.fail({ kind: 'garbage' }, { times: 1 });
    await expect(get()).rejects.toThrow();

    fake.fail({ kind: 'slow', ms: 300 }, { times: 1 });
    const started = Date.now();
    await expect(get()).resolves.toMatchObject({ SecretString: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    fake.fail({ kind: 'hang' });
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: NAME }), { abortSignal: AbortSignal.timeout(300) }),
    ).rejects.toThrow(/abort/i);
    fake.clearFaults();
    await expect(get()).resolves.toMatchObject({ SecretString: 'x' });
  });
});

describe('FakeEc2 through the real SDK client', () => {
  it('serializes handler objects as EC2 XML and paginates', async () => {
    const vpcs = Array.from({ length: 5 }, (_, i) => ({
      vpcId: `vpc-${i}`,
      cidrBlock: `10.${i}.0.0/16`,
      isDefault: false,
    }));
    const fake = await track(
      FakeEc2.start({
        handlers: {
          DescribeVpcs: (input) => {
            const page = paginate(vpcs, input, 2);
            return { vpcSet: page.items, nextToken: page.nextToken };
          },
        },
      }),
    );
    const client = new EC2Client(fake.clientConfig);
    const seen: string[] = [];
    for await (const page of paginateDescribeVpcs({ client }, {})) seen.push(...page.Vpcs!.map((v) => v.VpcId!));
    expect(seen).toEqual(['vpc-0', 'vpc-1', 'vpc-2', 'vpc-3', 'vpc-4']);
    expect(fake.callCount('DescribeVpcs')).toBe(3);
    const first = await client.send(new DescribeVpcsCommand({}));
    expect(first.Vpcs?.[0]).toMatchObject({ VpcId: 'vpc-0', CidrBlock: '10.0.0.0/16', IsDefault: false });
  });

  it('throttles as EC2 does (503 RequestLimitExceeded) and answers errors in EC2 XML', async () => {
    const fake = await track(FakeEc2.start({ handlers: { DescribeVpcs: () => ({ vpcSet: [] }) } }));
    const client = new EC2Client({ ...fake.clientConfig, maxAttempts: 1 });
    fake.fail({ kind: 'throttle' }, { times: 1 });
    await expect(client.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 },
    });
    fake.on('DescribeVpcs', () => {
      throw new FakeAwsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
    });
    await expect(client.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
  });
});

describe('FakeTransfer and FakeSsm through the real SDK clients', () => {
  it('answer from handlers and refuse operations they do not play', async () => {
    const transfer = await track(
      FakeTransfer.start({
        handlers: {
          TestIdentityProvider: (input) => ({
            StatusCode: 200,
            Response: '{}',
            Message: `for ${input.UserName}`,
            Url: 'u',
          }),
        },
      }),
    );
    const answer = await new TransferClient(transfer.clientConfig).send(
      new TestIdentityProviderCommand({ ServerId: 's-0123456789abcdef0', UserName: 'alice' }),
    );
    expect(answer).toMatchObject({ StatusCode: 200, Message: 'for alice' });
    expect(transfer.calls[0]).toMatchObject({ operation: 'TestIdentityProvider', input: { UserName: 'alice' } });

    const ssm = await track(FakeSsm.start());
    await expect(
      new SSMClient({ ...ssm.clientConfig, maxAttempts: 1 }).send(
        new GetCommandInvocationCommand({ CommandId: 'c', InstanceId: 'i' }),
      ),
    ).rejects.toMatchObject({ name: 'UnknownOperationException' });
  });
});
