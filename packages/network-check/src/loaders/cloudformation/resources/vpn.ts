// VPN gateways, customer gateways and Site-to-Site VPN connections: how an on-premises network reaches the VPC, and
// which of its routes the VPC's route tables learn (propagation) or are given (static VPN routes).
import type { ResourceReader } from './resource-reader.js';

/** The id the model gives the transit gateway attachment a VPN connection creates (templates cannot name it). */
export function vpnAttachmentId(vpnConnectionId: string): string {
  return `${vpnConnectionId}.TransitGatewayAttachment`;
}

const customerGateway: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const ipAddress = read.str(props.IpAddress, 'IpAddress');
  const asn = Number(props.BgpAsn);
  topology.customerGateways.push({
    id,
    location,
    ...(ipAddress === undefined ? {} : { ipAddress }),
    ...(Number.isFinite(asn) && props.BgpAsn !== undefined ? { bgpAsn: asn } : {}),
  });
};

const vpnGateway: ResourceReader = ({ id, location }, { topology }) => {
  topology.vpnGateways.push({ id, location });
};

/** `AWS::EC2::VPCGatewayAttachment` attaches an internet gateway or a VPN gateway to a VPC. */
const gatewayAttachment: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const gateway = parts.find(parts.topology.vpnGateways, read.ref(props.VpnGatewayId, 'VpnGatewayId'));
    if (gateway) gateway.vpcId = read.id(props.VpcId, 'VpcId');
  });

const vpnConnection: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const vpnGatewayId = read.ref(props.VpnGatewayId, 'VpnGatewayId');
  const transitGatewayId = read.ref(props.TransitGatewayId, 'TransitGatewayId');
  const customerGatewayId = read.ref(props.CustomerGatewayId, 'CustomerGatewayId');
  const attachmentId = vpnAttachmentId(id);
  topology.vpnConnections.push({
    id,
    location,
    ...(typeof vpnGatewayId === 'string' ? { vpnGatewayId } : {}),
    ...(typeof transitGatewayId === 'string' ? { transitGatewayId, transitGatewayAttachmentId: attachmentId } : {}),
    ...(typeof customerGatewayId === 'string' ? { customerGatewayId } : {}),
    // Without StaticRoutesOnly the tunnels run BGP: the on-premises side announces its routes.
    staticRoutesOnly: props.StaticRoutesOnly === true || props.StaticRoutesOnly === 'true',
    staticRoutes: [],
  });
  // A VPN connection to a transit gateway creates its attachment: the transit gateway's defaults apply to it.
  if (typeof transitGatewayId === 'string') {
    topology.transitGatewayAttachments.push({
      id: attachmentId,
      location,
      transitGatewayId,
      kind: 'vpn',
      subnetIds: [],
      vpnConnectionId: id,
      state: 'available',
    });
  }
};

const vpnConnectionRoute: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const connection = parts.find(parts.topology.vpnConnections, read.ref(props.VpnConnectionId, 'VpnConnectionId'));
    const destination = read.str(props.DestinationCidrBlock, 'DestinationCidrBlock');
    if (connection && destination !== undefined) connection.staticRoutes.push(destination);
  });

const routePropagation: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const gateway = read.ref(props.VpnGatewayId, 'VpnGatewayId');
    if (typeof gateway !== 'string') return;
    for (const table of read.ids(props.RouteTableIds, 'RouteTableIds')) {
      const found = parts.find(parts.topology.routeTables, table);
      if (found && !found.propagatingVpnGateways?.includes(gateway)) {
        found.propagatingVpnGateways = [...(found.propagatingVpnGateways ?? []), gateway];
      }
    }
  });

export const VPN_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::VPNGateway': vpnGateway,
  'AWS::EC2::CustomerGateway': customerGateway,
  'AWS::EC2::VPCGatewayAttachment': gatewayAttachment,
  'AWS::EC2::VPNConnection': vpnConnection,
  'AWS::EC2::VPNConnectionRoute': vpnConnectionRoute,
  'AWS::EC2::VPNGatewayRoutePropagation': routePropagation,
};
