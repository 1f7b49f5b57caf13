// VPCs, subnets, route tables and routes.
import { isUnknown, type Route } from '../../../model.js';
import { defaultNetworkAclId, defaultSecurityGroupId, ROUTE_TARGET_FIELDS, routeTargetKind } from '../../normalize.js';
import type { ResourceReader } from './resource-reader.js';

const ALL_PORTS = { fromPort: 0, toPort: 65535 };

/** A VPC, with what CloudFormation creates along with it: the default security group, main table and default ACL. */
const vpc: ResourceReader = ({ id, props, location, read }, { topology: t }) => {
  const cidr = read.str(props.CidrBlock, 'CidrBlock');
  const group = defaultSecurityGroupId(id);
  t.vpcs.push({
    id,
    location,
    cidrBlocks: cidr === undefined ? [] : [cidr],
    enableDnsSupport: read.bool(props.EnableDnsSupport, 'EnableDnsSupport', true),
    enableDnsHostnames: read.bool(props.EnableDnsHostnames, 'EnableDnsHostnames', false),
    defaultSecurityGroupId: group,
    hasInternetPath: false,
  });
  t.securityGroups.push({
    id: group,
    location,
    vpcId: id,
    isDefault: true,
    ingress: [{ protocol: '-1', ...ALL_PORTS, peer: { securityGroupId: group } }],
    egress: [{ protocol: '-1', ...ALL_PORTS, peer: { cidr: '0.0.0.0/0' } }],
  });
  t.routeTables.push({ id: `${id}.MainRouteTable`, location, vpcId: id, main: true, routes: [] });
  t.networkAcls.push({
    id: defaultNetworkAclId(id),
    location,
    vpcId: id,
    entries: [false, true].map((egress) => ({
      ruleNumber: 100,
      egress,
      action: 'allow' as const,
      protocol: '-1',
      cidr: '0.0.0.0/0',
    })),
  });
};

const vpcCidrBlock: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const cidr = read.str(props.CidrBlock, 'CidrBlock');
    const found = parts.find(parts.topology.vpcs, read.ref(props.VpcId, 'VpcId'));
    if (found && cidr !== undefined) found.cidrBlocks.push(cidr);
  });

const subnet: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const zone = read.str(props.AvailabilityZone, 'AvailabilityZone');
  topology.subnets.push({
    id,
    location,
    vpcId: read.id(props.VpcId, 'VpcId'),
    cidrBlock: read.str(props.CidrBlock, 'CidrBlock') ?? { unknown: 'CidrBlock missing' },
    ...(typeof zone === 'string' ? { availabilityZone: zone } : {}),
  });
};

const routeTable: ResourceReader = ({ id, props, location, read }, { topology }) => {
  topology.routeTables.push({ id, location, vpcId: read.id(props.VpcId, 'VpcId'), main: false, routes: [] });
};

const route: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const table = parts.find(parts.topology.routeTables, read.ref(props.RouteTableId, 'RouteTableId'));
    const destination = read.str(props.DestinationCidrBlock, 'DestinationCidrBlock');
    if (table === undefined || destination === undefined) return;
    table.routes.push({ destination, target: routeTarget(props, read, (id) => parts.typeOf(id)), state: 'active' });
  });

function routeTarget(
  props: Record<string, unknown>,
  read: Parameters<ResourceReader>[0]['read'],
  typeOf: (id: string) => string | undefined,
): Route['target'] {
  const field = ROUTE_TARGET_FIELDS.map(([name]) => name).find((name) => props[name] !== undefined);
  if (field === undefined) return { unknown: 'route without a target' };
  const target = read.ref(props[field], field)!;
  if (isUnknown(target)) return target;
  return { kind: routeTargetKind(field, target, typeOf(target)), id: target };
}

const subnetRouteTableAssociation: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const found = parts.find(parts.topology.subnets, read.ref(props.SubnetId, 'SubnetId'));
    if (found) found.routeTableId = read.id(props.RouteTableId, 'RouteTableId');
  });

export const NETWORK_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::VPC': vpc,
  'AWS::EC2::VPCCidrBlock': vpcCidrBlock,
  'AWS::EC2::Subnet': subnet,
  'AWS::EC2::RouteTable': routeTable,
  'AWS::EC2::Route': route,
  'AWS::EC2::SubnetRouteTableAssociation': subnetRouteTableAssociation,
};
