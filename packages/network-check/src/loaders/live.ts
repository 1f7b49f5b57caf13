import type { Topology } from '../model.js';
import type { DescribeResults } from './live/describe-results.js';
import type { LiveLoadOptions } from './live-account.js';

export type { LiveClients, LiveLoadOptions } from './live-account.js';

/** The exact IAM actions live mode calls (all read-only). */
export const LIVE_IAM_ACTIONS = [
  'ec2:DescribeVpcs',
  'ec2:DescribeVpcAttribute',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeVpcPeeringConnections',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeInstances',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeTransitGatewayAttachments',
  'ec2:DescribeTransitGatewayVpcAttachments',
  'ec2:DescribeTransitGatewayPeeringAttachments',
  'ec2:DescribeTransitGatewayRouteTables',
  'ec2:GetTransitGatewayRouteTableAssociations',
  'ec2:GetTransitGatewayRouteTablePropagations',
  'ec2:SearchTransitGatewayRoutes',
  'ec2:DescribeVpnGateways',
  'ec2:DescribeVpnConnections',
  'ec2:DescribeCustomerGateways',
  'transfer:ListServers',
  'transfer:DescribeServer',
  'lambda:GetFunctionConfiguration',
  'lambda:GetPolicy',
] as const;

/**
 * Reads the account's network and Transfer configuration through read-only Describe calls. The AWS SDK clients
 * load on first use, so template and cdk.out checks start fast.
 */
export async function loadLiveAccount(options: LiveLoadOptions = {}): Promise<Topology> {
  const { loadLiveAccount: load } = await import('./live-account.js');
  return load(options);
}

/** The answers of live mode's calls, unmapped; `describeResultsToTopology()` turns them into the model. */
export async function fetchDescribeResults(options: LiveLoadOptions = {}): Promise<DescribeResults> {
  const { fetchDescribeResults: fetch } = await import('./live-account.js');
  return fetch(options);
}
