// Live mode's AWS side for tests: FakeEc2 and FakeTransfer from test-support (the real wire protocols), with a
// handler for every Describe call live mode makes. Lists are paginated with a small page size, so the SDK's
// paginators follow NextToken for real.
import { FakeEc2, type FakeHandlers, FakeTransfer, paginate } from '@closed-ftp/test-support/fake-aws';

/** EC2's Describe calls and the `...Set` element each answers with. */
const EC2_LISTS = {
  DescribeVpcs: 'vpcSet',
  DescribeSecurityGroups: 'securityGroupInfo',
  DescribeSubnets: 'subnetSet',
  DescribeRouteTables: 'routeTableSet',
  DescribeNetworkAcls: 'networkAclSet',
  DescribeVpcPeeringConnections: 'vpcPeeringConnectionSet',
  DescribeVpcEndpoints: 'vpcEndpointSet',
  DescribeInstances: 'reservationSet',
  DescribeTransitGateways: 'transitGatewaySet',
  DescribeTransitGatewayAttachments: 'transitGatewayAttachments',
  DescribeTransitGatewayRouteTables: 'transitGatewayRouteTables',
  DescribeVpnGateways: 'vpnGatewaySet',
  DescribeVpnConnections: 'vpnConnectionSet',
} as const;

export type Ec2Items = Partial<Record<keyof typeof EC2_LISTS, object[]>>;

/** Handlers answering each Describe call from `items` (EC2's XML element names), `pageSize` items per page. */
export function ec2Handlers(items: Ec2Items = {}, pageSize = 2): FakeHandlers {
  const handlers: FakeHandlers = {};
  for (const [operation, element] of Object.entries(EC2_LISTS)) {
    handlers[operation] = (input) => {
      const page = paginate(items[operation as keyof Ec2Items] ?? [], input, pageSize);
      return { [element]: page.items, nextToken: page.nextToken };
    };
  }
  handlers.DescribeVpcAttribute = (input) => ({
    vpcId: input.VpcId,
    [String(input.Attribute)]: { value: true },
  });
  return handlers;
}

export interface FakeAccount {
  ec2: FakeEc2;
  transfer: FakeTransfer;
  /** Environment variables pointing the SDK's default clients (and the CLI) at the fakes. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Starts the fakes; `servers` are Transfer's DescribeServer answers. */
export async function startFakeAccount(items: Ec2Items = {}, servers: object[] = []): Promise<FakeAccount> {
  const ec2 = await FakeEc2.start({ handlers: ec2Handlers(items) });
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
