// Live mode's AWS side for tests: FakeEc2 and FakeTransfer from test-support (the real wire protocols), FakeEc2
// serving every call live mode makes from an account. Lists are paginated with a small page size, so the SDK's
// paginators follow NextToken for real.
import {
  FakeEc2,
  type FakeEc2Account,
  type FakeHandlers,
  FakeTransfer,
  paginate,
} from '@closed-ftp/test-support/fake-aws';

export type Ec2Items = NonNullable<FakeEc2Account['describe']>;

/** Small pages, so that every list live mode reads takes several calls. */
export const FAKE_PAGE_SIZE = 2;

/** What FakeEc2 does not serve from its account: DNS attributes, on for every VPC. */
export function ec2Handlers(): FakeHandlers {
  return {
    DescribeVpcAttribute: (input) => ({ vpcId: input.VpcId, [String(input.Attribute)]: { value: true } }),
  };
}

export interface FakeAccount {
  ec2: FakeEc2;
  transfer: FakeTransfer;
  /** Environment variables pointing the SDK's default clients (and the CLI) at the fakes. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Starts the fakes; `items` are EC2's Describe answers (XML names), `servers` Transfer's DescribeServer answers,
 * `transitGatewayRouteTables` what each TGW route table holds.
 */
export async function startFakeAccount(
  items: Ec2Items = {},
  servers: object[] = [],
  transitGatewayRouteTables: FakeEc2Account['transitGatewayRouteTables'] = {},
): Promise<FakeAccount> {
  const ec2 = await FakeEc2.start({
    account: { describe: items, transitGatewayRouteTables },
    pageSize: FAKE_PAGE_SIZE,
    handlers: ec2Handlers(),
  });
  const transfer = await FakeTransfer.start({
    handlers: {
      ListServers: (input) => {
        const page = paginate(servers, input, 1);
        return {
          Servers: page.items.map((s) => ({ ServerId: (s as { ServerId: string }).ServerId })),
          NextToken: page.nextToken,
        };
      },
      DescribeServer: (input) => ({
        Server: servers.find((s) => (s as { ServerId: string }).ServerId === input.ServerId),
      }),
    },
  });
  const env = {
    AWS_ENDPOINT_URL_EC2: ec2.endpoint,
    AWS_ENDPOINT_URL_TRANSFER: transfer.endpoint,
    // No server names an IdP function in these accounts: Lambda is never called.
    AWS_ENDPOINT_URL_LAMBDA: ec2.endpoint,
    AWS_ACCESS_KEY_ID: ec2.clientConfig.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ec2.clientConfig.credentials.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    ec2,
    transfer,
    env,
    async close() {
      await Promise.all([ec2.close(), transfer.close()]);
    },
  };
}
