import { COMPUTE_READERS } from './compute.js';
import { CONNECTION_READERS } from './connections.js';
import { IAM_READERS } from './iam.js';
import { LAMBDA_READERS } from './lambda-functions.js';
import { NETWORK_READERS } from './network.js';
import { NETWORK_ACL_READERS } from './network-acls.js';
import type { ResourceReader } from './resource-reader.js';
import { SECURITY_GROUP_READERS } from './security-groups.js';
import { STORAGE_READERS } from './storage.js';
import { TRANSFER_READERS } from './transfer.js';
import { TRANSIT_GATEWAY_READERS } from './transit-gateways.js';
import { VPN_READERS } from './vpn.js';

/** Every CloudFormation type network-check reads, by type; the rest of a template is ignored. */
export const RESOURCE_READERS: Readonly<Record<string, ResourceReader>> = {
  ...NETWORK_READERS,
  ...SECURITY_GROUP_READERS,
  ...NETWORK_ACL_READERS,
  ...CONNECTION_READERS,
  ...COMPUTE_READERS,
  ...LAMBDA_READERS,
  ...TRANSFER_READERS,
  ...IAM_READERS,
  ...STORAGE_READERS,
  ...VPN_READERS,
  ...TRANSIT_GATEWAY_READERS,
};
