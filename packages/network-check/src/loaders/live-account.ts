import {
  DescribeVpcAttributeCommand,
  EC2Client,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import {
  GetFunctionConfigurationCommand,
  type GetFunctionConfigurationCommandOutput,
  GetPolicyCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  type DescribedServer,
  DescribeServerCommand,
  paginateListServers,
  TransferClient,
} from '@aws-sdk/client-transfer';
import { LiveRegionError } from '../errors.js';
import type { Topology } from '../model.js';
import { call, collect, liveError, MAX_ATTEMPTS } from './live/calls.js';
import {
  type DescribedFunction,
  type DescribeResults,
  describeResultsToTopology,
  vpcsNeedingAttributes,
} from './live/describe-results.js';
import { fetchGateways } from './live/fetch-gateways.js';

export interface LiveClients {
  ec2: EC2Client;
  transfer: TransferClient;
  lambda: LambdaClient;
}

export interface LiveLoadOptions {
  /** Region to read; default the SDK's (AWS_REGION, profile). */
  region?: string;
  /** Only these Transfer servers (`s-...`); default every server in the region. */
  serverIds?: string[];
  /** EC2 instances to treat as FTP clients; without them, subnets of VPCs peered with the server VPC are. */
  clientInstanceIds?: string[];
  /** Injected clients (tests, custom credentials); default clients use adaptive retry. */
  clients?: LiveClients;
  /** Called before each step, for progress output. */
  onProgress?: (step: string) => void;
}

/** Reads the account's network and Transfer configuration through read-only Describe calls. */
export async function loadLiveAccount(options: LiveLoadOptions = {}): Promise<Topology> {
  return describeResultsToTopology(await fetchDescribeResults(options));
}

/** Makes live mode's read-only calls and returns their answers, unmapped (`describeResultsToTopology` maps them). */
export async function fetchDescribeResults(options: LiveLoadOptions = {}): Promise<DescribeResults> {
  const config = {
    ...(options.region ? { region: options.region } : {}),
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS,
  };
  const clients = options.clients ?? {
    ec2: new EC2Client(config),
    transfer: new TransferClient(config),
    lambda: new LambdaClient(config),
  };
  const progress = options.onProgress ?? (() => {});
  const region =
    options.region ??
    (await clients.ec2.config.region().catch((error: unknown) => {
      throw new LiveRegionError('No AWS region: pass --region or set AWS_REGION.', { cause: error });
    }));
  const { ec2 } = clients;
  const list = <P, T>(action: string, pages: () => AsyncIterable<P>, pick: (page: P) => T[] | undefined) =>
    collect(progress, action, pages, pick);
  const servers = await loadServers(clients.transfer, options.serverIds, progress);
  const vpcs = await list(
    'ec2:DescribeVpcs',
    () => paginateDescribeVpcs({ client: ec2 }, {}),
    (p) => p.Vpcs,
  );
  const securityGroups = await list(
    'ec2:DescribeSecurityGroups',
    () => paginateDescribeSecurityGroups({ client: ec2 }, {}),
    (p) => p.SecurityGroups,
  );
  const subnets = await list(
    'ec2:DescribeSubnets',
    () => paginateDescribeSubnets({ client: ec2 }, {}),
    (p) => p.Subnets,
  );
  const routeTables = await list(
    'ec2:DescribeRouteTables',
    () => paginateDescribeRouteTables({ client: ec2 }, {}),
    (p) => p.RouteTables,
  );
  const networkAcls = await list(
    'ec2:DescribeNetworkAcls',
    () => paginateDescribeNetworkAcls({ client: ec2 }, {}),
    (p) => p.NetworkAcls,
  );
  const peeringConnections = await list(
    'ec2:DescribeVpcPeeringConnections',
    () => paginateDescribeVpcPeeringConnections({ client: ec2 }, {}),
    (p) => p.VpcPeeringConnections,
  );
  const vpcEndpoints = await list(
    'ec2:DescribeVpcEndpoints',
    () => paginateDescribeVpcEndpoints({ client: ec2 }, {}),
    (p) => p.VpcEndpoints,
  );
  const instances =
    options.clientInstanceIds && options.clientInstanceIds.length > 0
      ? await list(
          'ec2:DescribeInstances',
          () => paginateDescribeInstances({ client: ec2 }, { InstanceIds: options.clientInstanceIds }),
          (p) => p.Reservations?.flatMap((r) => r.Instances ?? []),
        )
      : [];
  const attribute = async (VpcId: string, Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => {
    const out = await call(progress, 'ec2:DescribeVpcAttribute', `ec2:DescribeVpcAttribute ${VpcId} ${Attribute}`, () =>
      ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute })),
    );
    return (Attribute === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value ?? false;
  };
  const gateways = await fetchGateways(ec2, progress);
  // Two calls per VPC: only where a rule needs them (server VPCs, and DNS support of their peers and TGW spokes).
  const { serverVpcs, peerVpcs } = vpcsNeedingAttributes(
    servers,
    peeringConnections,
    gateways.transitGatewayVpcAttachments,
  );
  const vpcAttributes: DescribeResults['vpcAttributes'] = {};
  for (const vpc of vpcs) {
    const id = vpc.VpcId!;
    if (serverVpcs.has(id)) {
      vpcAttributes[id] = {
        enableDnsSupport: await attribute(id, 'enableDnsSupport'),
        enableDnsHostnames: await attribute(id, 'enableDnsHostnames'),
      };
    } else if (peerVpcs.has(id)) {
      vpcAttributes[id] = { enableDnsSupport: await attribute(id, 'enableDnsSupport') };
    }
  }
  const functions: DescribedFunction[] = [];
  for (const server of servers) {
    const fn = server.IdentityProviderDetails?.Function;
    if (fn && !functions.some((f) => f.arn === fn)) functions.push(await loadFunction(clients.lambda, fn, progress));
  }
  return {
    region,
    servers,
    vpcs,
    vpcAttributes,
    securityGroups,
    subnets,
    routeTables,
    networkAcls,
    peeringConnections,
    vpcEndpoints,
    instances,
    functions,
    ...gateways,
  };
}

async function loadServers(client: TransferClient, only: string[] | undefined, progress: (step: string) => void) {
  let ids = only;
  if (ids === undefined) {
    progress('transfer:ListServers');
    ids = [];
    try {
      for await (const page of paginateListServers({ client }, {}))
        ids.push(...(page.Servers ?? []).map((s) => s.ServerId!));
    } catch (error) {
      throw liveError('transfer:ListServers', error);
    }
  }
  const servers: DescribedServer[] = [];
  for (const ServerId of ids) {
    progress(`transfer:DescribeServer ${ServerId}`);
    try {
      const out = await client.send(new DescribeServerCommand({ ServerId }));
      if (out.Server) servers.push(out.Server);
    } catch (error) {
      throw liveError('transfer:DescribeServer', error);
    }
  }
  return servers;
}

async function loadFunction(
  client: LambdaClient,
  arn: string,
  progress: (step: string) => void,
): Promise<DescribedFunction> {
  progress(`lambda:GetFunctionConfiguration ${arn}`);
  let c: GetFunctionConfigurationCommandOutput;
  try {
    c = await client.send(new GetFunctionConfigurationCommand({ FunctionName: arn }));
  } catch (error) {
    throw liveError('lambda:GetFunctionConfiguration', error);
  }
  progress(`lambda:GetPolicy ${arn}`);
  let policy: string | undefined;
  try {
    policy = (await client.send(new GetPolicyCommand({ FunctionName: arn }))).Policy ?? '{}';
  } catch (error) {
    // No resource policy at all is a finding (CFTP-NET-021), not a failure to read.
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw liveError('lambda:GetPolicy', error);
  }
  return {
    arn: c.FunctionArn ?? arn,
    ...(c.FunctionName ? { name: c.FunctionName } : {}),
    ...(c.Timeout !== undefined ? { timeoutSeconds: c.Timeout } : {}),
    subnetIds: c.VpcConfig?.SubnetIds ?? [],
    securityGroupIds: c.VpcConfig?.SecurityGroupIds ?? [],
    ...(policy !== undefined ? { policy } : {}),
  };
}
