// VPC peering connections and VPC endpoints: how traffic leaves a VPC without the internet.
import { endpointType } from '../../normalize.js';
import type { ResourceReader } from './resource-reader.js';

const peeringConnection: ResourceReader = ({ id, props, location, stack, read }, { topology }) => {
  // A cross-account request without PeerRoleArn waits for the peer account to accept it.
  const crossAccount = props.PeerOwnerId !== undefined && props.PeerOwnerId !== stack.account;
  topology.peeringConnections.push({
    id,
    location,
    requesterVpcId: read.id(props.VpcId, 'VpcId'),
    accepterVpcId: read.id(props.PeerVpcId, 'PeerVpcId'),
    status: crossAccount && props.PeerRoleArn === undefined ? 'pending-acceptance' : 'active',
    ...(typeof props.PeerRegion === 'string' && props.PeerRegion !== stack.region ? { crossRegion: true } : {}),
  });
};

const vpcEndpoint: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const policy = read.policy(props.PolicyDocument, 'PolicyDocument');
  topology.vpcEndpoints.push({
    id,
    location,
    vpcId: read.id(props.VpcId, 'VpcId'),
    serviceName: read.str(props.ServiceName, 'ServiceName') ?? { unknown: 'ServiceName missing' },
    type: endpointType(props.VpcEndpointType),
    privateDnsEnabled: props.PrivateDnsEnabled === true || props.PrivateDnsEnabled === 'true',
    subnetIds: read.ids(props.SubnetIds, 'SubnetIds'),
    securityGroupIds: read.ids(props.SecurityGroupIds, 'SecurityGroupIds'),
    ...(policy === undefined ? {} : { policy }),
  });
};

export const CONNECTION_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::VPCPeeringConnection': peeringConnection,
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
};
