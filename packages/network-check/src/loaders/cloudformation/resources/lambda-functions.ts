// Lambda functions (the IdP, FTP canaries) with their permissions; a VPC-attached FTP canary is also a client.
import type { LambdaPermission } from '../../../model.js';
import { arnFor } from '../intrinsics.js';
import type { Props, ResourceReader } from './resource-reader.js';

/**
 * The tag `FtpCanary` (`@closed-ftp/cdk-closed-ftp`) puts on its function, valued with the canary's name: a function
 * carrying it logs in like a client, so its network interfaces are checked as clients.
 */
export const FTP_CANARY_TAG = 'closed-ftp:canary';

const lambdaFunction: ResourceReader = ({ type, id, props, location, stack, read }, { topology }) => {
  const vpc = (props.VpcConfig ?? {}) as Props;
  const vpcSubnetIds = read.ids(vpc.SubnetIds, 'VpcConfig.SubnetIds');
  const vpcSecurityGroupIds = read.ids(vpc.SecurityGroupIds, 'VpcConfig.SecurityGroupIds');
  const canary = canaryName(props.Tags, id);
  topology.lambdaFunctions.push({
    id,
    location,
    arn: arnFor(type, id, stack),
    name: typeof props.FunctionName === 'string' ? props.FunctionName : id,
    timeoutSeconds: props.Timeout === undefined ? 3 : Number(props.Timeout),
    vpcSubnetIds,
    vpcSecurityGroupIds,
    permissions: [],
    ...(canary === undefined ? {} : { ftpCanary: canary }),
  });
  if (canary === undefined) return;
  // Lambda puts one network interface per subnet, with the function's groups and an address it picks: a client
  // anywhere in that subnet, as an instance without a fixed address is.
  for (const subnetId of vpcSubnetIds) {
    if (subnetId === '') continue;
    topology.instances.push({ id: `${id} in ${subnetId}`, location, subnetId, securityGroupIds: vpcSecurityGroupIds });
  }
};

/** The value of the FtpCanary tag, if the function carries it (CloudFormation's `[{ Key, Value }]` list). */
function canaryName(tags: unknown, functionId: string): string | undefined {
  if (!Array.isArray(tags)) return undefined;
  const tag = tags.find((t): t is Props => typeof t === 'object' && t !== null && (t as Props).Key === FTP_CANARY_TAG);
  if (tag === undefined) return undefined;
  return typeof tag.Value === 'string' && tag.Value !== '' ? tag.Value : functionId;
}

const lambdaPermission: ResourceReader = ({ props, read }, parts) => {
  const permission: LambdaPermission = {
    principal: read.str(props.Principal, 'Principal') ?? '',
    action: String(props.Action),
  };
  const sourceArn = read.str(props.SourceArn, 'SourceArn');
  if (sourceArn !== undefined) permission.sourceArn = sourceArn;
  parts.permission(read.str(props.FunctionName, 'FunctionName') ?? '', permission);
};

export const LAMBDA_READERS: Record<string, ResourceReader> = {
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Permission': lambdaPermission,
};
