// Network ACLs, their entries and subnet associations.
import { aclEntry } from '../../normalize.js';
import type { Props, ResourceReader } from './resource-reader.js';

const networkAcl: ResourceReader = ({ id, props, location, read }, { topology }) => {
  topology.networkAcls.push({ id, location, vpcId: read.id(props.VpcId, 'VpcId'), entries: [] });
};

const networkAclEntry: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const acl = parts.find(parts.topology.networkAcls, read.ref(props.NetworkAclId, 'NetworkAclId'));
    if (acl === undefined) return;
    acl.entries.push(
      aclEntry({
        ruleNumber: props.RuleNumber,
        egress: props.Egress,
        action: props.RuleAction,
        protocol: props.Protocol,
        cidr: read.str(props.CidrBlock ?? props.Ipv6CidrBlock, 'CidrBlock') ?? '0.0.0.0/0',
        portRange: props.PortRange as Props | undefined,
      }),
    );
  });

const subnetNetworkAclAssociation: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const subnet = parts.find(parts.topology.subnets, read.ref(props.SubnetId, 'SubnetId'));
    if (subnet) subnet.networkAclId = read.id(props.NetworkAclId, 'NetworkAclId');
  });

export const NETWORK_ACL_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::NetworkAcl': networkAcl,
  'AWS::EC2::NetworkAclEntry': networkAclEntry,
  'AWS::EC2::SubnetNetworkAclAssociation': subnetNetworkAclAssociation,
};
