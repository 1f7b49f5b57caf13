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
import { PACKAGE_DOCS_URL } from '../catalog.js';
import { LiveCallError, LiveRegionError } from '../errors.js';
import type { Topology } from '../model.js';
import {
  type DescribedFunction,
  type DescribeResults,
  describeResultsToTopology,
  vpcsNeedingAttributes,
} from './live/describe-results.js';

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

const MAX_ATTEMPTS = 8;

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
  const collect = async <P, T>(action: string, pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined) => {
    progress(action);
    const items: T[] = [];
    try {
      for await (const page of pages) items.push(...(pick(page) ?? []));
    } catch (error) {
      throw liveError(action, error);
    }
    return items;
  };
  const servers = await loadServers(clients.transfer, options.serverIds, progress);
  const vpcs = await collect('ec2:DescribeVpcs', paginateDescribeVpcs({ client: ec2 }, {}), (p) => p.Vpcs);
  const securityGroups = await collect(
    'ec2:DescribeSecurityGroups',
    paginateDescribeSecurityGroups({ client: ec2 }, {}),
    (p) => p.SecurityGroups,
  );
  const subnets = await collect('ec2:DescribeSubnets', paginateDescribeSubnets({ client: ec2 }, {}), (p) => p.Subnets);
  const routeTables = await collect(
    'ec2:DescribeRouteTables',
    paginateDescribeRouteTables({ client: ec2 }, {}),
    (p) => p.RouteTables,
  );
  const networkAcls = await collect(
    'ec2:DescribeNetworkAcls',
    paginateDescribeNetworkAcls({ client: ec2 }, {}),
    (p) => p.NetworkAcls,
  );
  const peeringConnections = await collect(
    'ec2:DescribeVpcPeeringConnections',
    paginateDescribeVpcPeeringConnections({ client: ec2 }, {}),
    (p) => p.VpcPeeringConnections,
  );
  const vpcEndpoints = await collect(
    'ec2:DescribeVpcEndpoints',
    paginateDescribeVpcEndpoints({ client: ec2 }, {}),
    (p) => p.VpcEndpoints,
  );
  const instances =
    options.clientInstanceIds && options.clientInstanceIds.length > 0
      ? await collect(
          'ec2:DescribeInstances',
          paginateDescribeInstances({ client: ec2 }, { InstanceIds: options.clientInstanceIds }),
          (p) => p.Reservations?.flatMap((r) => r.Instances ?? []),
        )
      : [];
  const attribute = async (VpcId: string, Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => {
    progress(`ec2:DescribeVpcAttribute ${VpcId} ${Attribute}`);
    try {
      const out = await ec2.send(new DescribeVpcAttributeCommand({ VpcId, Attribute }));
      return (Attribute === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value ?? false;
    } catch (error) {
      throw liveError('ec2:DescribeVpcAttribute', error);
    }
  };
  // Two calls per VPC: only where a rule needs them (server VPCs, and DNS support of their peers).
  const { serverVpcs, peerVpcs } = vpcsNeedingAttributes(servers, peeringConnections);
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

function liveError(action: string, error: unknown): LiveCallError {
  const name = (error as { name?: string }).name ?? 'Error';
  const hint = /AccessDenied|UnauthorizedOperation|AccessDeniedException/.test(name)
    ? `the credentials lack ${action}; grant the read-only actions listed in LIVE_IAM_ACTIONS (${PACKAGE_DOCS_URL}#live-mode)`
    : /Throttl|RequestLimitExceeded|TooManyRequests/.test(name)
      ? `the API is throttling after ${MAX_ATTEMPTS} attempts; retry later or narrow the run with --server`
      : /Credential|ExpiredToken|InvalidClientTokenId/.test(name)
        ? 'no valid AWS credentials; set AWS_PROFILE (or --aws-profile) or log in again'
        : 'check the region and the credentials';
  return new LiveCallError(`${action} failed (${name}): ${hint}.`, { cause: error });
}
