// Security groups and their separate ingress/egress rule resources.
import { isUnknown, type Peer, type SecurityGroupRule } from '../../../model.js';
import { portRange, protocolName } from '../../normalize.js';
import type { PropertyReader } from '../property-reader.js';
import type { Props, ResourceReader } from './resource-reader.js';

const ALLOW_ALL_OUT: SecurityGroupRule = { protocol: '-1', fromPort: 0, toPort: 65535, peer: { cidr: '0.0.0.0/0' } };

const securityGroup: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const ingress = Array.isArray(props.SecurityGroupIngress) ? props.SecurityGroupIngress : [];
  const egress = Array.isArray(props.SecurityGroupEgress) ? props.SecurityGroupEgress : undefined;
  topology.securityGroups.push({
    id,
    location,
    vpcId: read.id(props.VpcId, 'VpcId'),
    isDefault: false,
    ingress: ingress.map((rule, i) => sgRule(rule as Props, 'Source', read, `SecurityGroupIngress[${i}]`)),
    // CloudFormation keeps the allow-all egress rule unless SecurityGroupEgress is given.
    egress:
      egress === undefined || egress.length === 0
        ? [ALLOW_ALL_OUT]
        : egress.map((rule, i) => sgRule(rule as Props, 'Destination', read, `SecurityGroupEgress[${i}]`)),
  });
};

const separateRule =
  (direction: 'ingress' | 'egress'): ResourceReader =>
  ({ props, read }, parts) =>
    parts.later(() => {
      const group = parts.find(parts.topology.securityGroups, read.ref(props.GroupId, 'GroupId'));
      if (group === undefined) return;
      group[direction].push(sgRule(props, direction === 'ingress' ? 'Source' : 'Destination', read, 'rule'));
    });

function sgRule(entry: Props, side: 'Source' | 'Destination', read: PropertyReader, field: string): SecurityGroupRule {
  // A rule that is not an object (null in a hand-edited template) is a rule we cannot read: unknown, not a crash.
  const rule: Props = typeof entry === 'object' && entry !== null ? entry : {};
  const protocol = protocolName(rule.IpProtocol);
  let peer: Peer = { unknown: `${field} has no peer` };
  const cidr = rule.CidrIp ?? rule.CidrIpv6;
  const group = rule[`${side}SecurityGroupId`];
  const prefixList = rule[`${side}PrefixListId`];
  if (cidr !== undefined) {
    const value = read.str(cidr, `${field}.CidrIp`);
    peer = value === undefined || isUnknown(value) ? (value ?? peer) : { cidr: value };
  } else if (group !== undefined) {
    const value = read.ref(group, `${field}.${side}SecurityGroupId`) ?? peer;
    peer = isUnknown(value) ? value : { securityGroupId: value };
  } else if (prefixList !== undefined) {
    const value = read.ref(prefixList, `${field}.${side}PrefixListId`) ?? peer;
    peer = isUnknown(value) ? value : { prefixListId: value };
  }
  return { protocol, ...portRange(protocol, rule.FromPort, rule.ToPort), peer };
}

export const SECURITY_GROUP_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::SecurityGroup': securityGroup,
  'AWS::EC2::SecurityGroupIngress': separateRule('ingress'),
  'AWS::EC2::SecurityGroupEgress': separateRule('egress'),
};
