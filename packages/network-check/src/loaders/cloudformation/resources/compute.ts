// EC2 instances (FTP clients) and Lambda functions (the IdP) with their permissions.
import type { LambdaPermission } from '../../../model.js';
import { arnFor } from '../intrinsics.js';
import type { Props, ResourceReader } from './resource-reader.js';

const instance: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const nic = (Array.isArray(props.NetworkInterfaces) ? props.NetworkInterfaces[0] : undefined) as Props | undefined;
  const privateIp = props.PrivateIpAddress ?? nic?.PrivateIpAddress;
  topology.instances.push({
    id,
    location,
    subnetId: read.id(props.SubnetId ?? nic?.SubnetId, 'SubnetId'),
    securityGroupIds: read.ids(props.SecurityGroupIds ?? nic?.GroupSet, 'SecurityGroupIds'),
    ...(typeof privateIp === 'string' ? { privateIp } : {}),
  });
};

const lambdaFunction: ResourceReader = ({ type, id, props, location, stack, read }, { topology }) => {
  const vpc = (props.VpcConfig ?? {}) as Props;
  topology.lambdaFunctions.push({
    id,
    location,
    arn: arnFor(type, id, stack),
    name: typeof props.FunctionName === 'string' ? props.FunctionName : id,
    timeoutSeconds: props.Timeout === undefined ? 3 : Number(props.Timeout),
    vpcSubnetIds: read.ids(vpc.SubnetIds, 'VpcConfig.SubnetIds'),
    vpcSecurityGroupIds: read.ids(vpc.SecurityGroupIds, 'VpcConfig.SecurityGroupIds'),
    permissions: [],
  });
};

const lambdaPermission: ResourceReader = ({ props, read }, parts) => {
  const permission: LambdaPermission = {
    principal: read.str(props.Principal, 'Principal') ?? '',
    action: String(props.Action),
  };
  const sourceArn = read.str(props.SourceArn, 'SourceArn');
  if (sourceArn !== undefined) permission.sourceArn = sourceArn;
  parts.permission(read.str(props.FunctionName, 'FunctionName') ?? '', permission);
};

export const COMPUTE_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::Instance': instance,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Permission': lambdaPermission,
};
