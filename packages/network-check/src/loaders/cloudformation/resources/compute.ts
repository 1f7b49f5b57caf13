// EC2 instances: the FTP clients a template defines (Lambda functions are read in lambda-functions.ts).
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

export const COMPUTE_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::Instance': instance,
};
