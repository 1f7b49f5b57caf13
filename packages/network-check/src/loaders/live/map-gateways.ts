// Live mode's transit gateway and VPN answers -> the model, with no AWS call (describeResultsToTopology's part for
// the hops between a client network and the FTP-VPC). Ids are AWS's; states EC2 reports as gone are left out.
import type {
  TransitGatewayAttachment as Ec2TransitGatewayAttachment,
  TransitGatewayRoute as Ec2TransitGatewayRoute,
} from '@aws-sdk/client-ec2';
import type {
  Topology,
  TransitGatewayAttachment,
  TransitGatewayAttachmentKind,
  TransitGatewayRoute,
} from '../../model.js';
import type { DescribeResults } from './describe-results.js';

/** States after which EC2 still lists a resource for a while, though it carries nothing. */
const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected', 'rejecting', 'failing']);
const gone = (state: string | undefined) => GONE.has(state ?? '');

/** EC2's attachment resource types as the model names them. */
const ATTACHMENT_KINDS: Record<string, TransitGatewayAttachmentKind> = {
  vpc: 'vpc',
  vpn: 'vpn',
  'direct-connect-gateway': 'direct-connect',
  peering: 'peering',
};

/** EC2's attachment states as the model's (an attachment being modified still carries traffic). */
const ATTACHMENT_STATES: Record<string, TransitGatewayAttachment['state']> = {
  available: 'available',
  modifying: 'available',
  pending: 'pending',
  initiating: 'pending',
  initiatingRequest: 'pending',
  pendingAcceptance: 'pending-acceptance',
};

/** Adds the transit gateways, their attachments and route tables, VPN gateways, connections and customer gateways. */
export function mapGateways(results: DescribeResults, topology: Topology): void {
  for (const gateway of results.transitGateways ?? []) {
    if (gone(gateway.State)) continue;
    const options = gateway.Options ?? {};
    const associate = options.DefaultRouteTableAssociation === 'enable';
    const propagate = options.DefaultRouteTablePropagation === 'enable';
    topology.transitGateways.push({
      id: gateway.TransitGatewayId!,
      defaultRouteTableAssociation: associate,
      defaultRouteTablePropagation: propagate,
      ...(associate && options.AssociationDefaultRouteTableId
        ? { associationDefaultRouteTableId: options.AssociationDefaultRouteTableId }
        : {}),
      ...(propagate && options.PropagationDefaultRouteTableId
        ? { propagationDefaultRouteTableId: options.PropagationDefaultRouteTableId }
        : {}),
      region: results.region,
    });
  }
  const vpcAttachments = new Map(
    (results.transitGatewayVpcAttachments ?? []).map((a) => [a.TransitGatewayAttachmentId!, a]),
  );
  const peerings = new Map(
    (results.transitGatewayPeeringAttachments ?? []).map((a) => [a.TransitGatewayAttachmentId!, a]),
  );
  const attachments = [...(results.transitGatewayAttachments ?? [])];
  // A VPC attachment DescribeTransitGatewayAttachments did not list (read a moment apart) is still an attachment.
  const listed = new Set(attachments.map((a) => a.TransitGatewayAttachmentId));
  for (const vpc of vpcAttachments.values()) {
    if (!listed.has(vpc.TransitGatewayAttachmentId)) {
      attachments.push({ ...vpc, ResourceType: 'vpc', ResourceId: vpc.VpcId } as Ec2TransitGatewayAttachment);
    }
  }
  const vpnAttachmentOf = new Map<string, string>();
  for (const attachment of attachments) {
    if (gone(attachment.State)) continue;
    const id = attachment.TransitGatewayAttachmentId!;
    const kind = ATTACHMENT_KINDS[attachment.ResourceType ?? ''] ?? 'other';
    const mapped: TransitGatewayAttachment = {
      id,
      transitGatewayId: attachment.TransitGatewayId ?? '',
      kind,
      subnetIds: [],
      state: ATTACHMENT_STATES[attachment.State ?? ''] ?? 'other',
    };
    if (kind === 'vpc') {
      const vpc = vpcAttachments.get(id);
      mapped.vpcId = vpc?.VpcId ?? attachment.ResourceId ?? '';
      mapped.subnetIds = vpc?.SubnetIds ?? [];
      if (vpc?.Options?.ApplianceModeSupport === 'enable') mapped.applianceMode = true;
    } else if (kind === 'vpn' && attachment.ResourceId) {
      mapped.vpnConnectionId = attachment.ResourceId;
      vpnAttachmentOf.set(attachment.ResourceId, id);
    } else if (kind === 'peering') {
      const peering = peerings.get(id);
      const [mine, theirs] =
        peering?.RequesterTgwInfo?.TransitGatewayId === mapped.transitGatewayId
          ? [peering?.RequesterTgwInfo, peering?.AccepterTgwInfo]
          : [peering?.AccepterTgwInfo, peering?.RequesterTgwInfo];
      if (theirs?.TransitGatewayId) mapped.peerTransitGatewayId = theirs.TransitGatewayId;
      if (theirs?.Region && theirs.Region !== mine?.Region) mapped.peerRegion = theirs.Region;
    }
    topology.transitGatewayAttachments.push(mapped);
  }
  for (const described of results.transitGatewayRouteTables ?? []) {
    const { table } = described;
    if (gone(table.State)) continue;
    const id = table.TransitGatewayRouteTableId!;
    topology.transitGatewayRouteTables.push({
      id,
      transitGatewayId: table.TransitGatewayId ?? '',
      associatedAttachmentIds: described.associations
        .filter((a) => a.State === 'associated')
        .map((a) => a.TransitGatewayAttachmentId!),
      propagatingAttachmentIds: described.propagations
        .filter((p) => p.State === 'enabled')
        .map((p) => p.TransitGatewayAttachmentId!),
      routes: described.routes.filter((r) => !gone(r.State)).map(transitGatewayRoute),
    });
    if (described.routesTruncated) {
      topology.unresolved.push({
        resource: id,
        field: 'routes',
        expression: 'SearchTransitGatewayRoutes had more routes than live mode reads; routes beyond them are missing',
      });
    }
  }
  for (const gateway of results.vpnGateways ?? []) {
    if (gone(gateway.State)) continue;
    const vpcId = gateway.VpcAttachments?.find((a) => a.State === 'attached')?.VpcId;
    topology.vpnGateways.push({ id: gateway.VpnGatewayId!, ...(vpcId ? { vpcId } : {}) });
  }
  for (const connection of results.vpnConnections ?? []) {
    if (gone(connection.State)) continue;
    const id = connection.VpnConnectionId!;
    const attachmentId = vpnAttachmentOf.get(id);
    topology.vpnConnections.push({
      id,
      ...(connection.VpnGatewayId ? { vpnGatewayId: connection.VpnGatewayId } : {}),
      ...(connection.TransitGatewayId ? { transitGatewayId: connection.TransitGatewayId } : {}),
      ...(attachmentId ? { transitGatewayAttachmentId: attachmentId } : {}),
      ...(connection.CustomerGatewayId ? { customerGatewayId: connection.CustomerGatewayId } : {}),
      staticRoutesOnly: connection.Options?.StaticRoutesOnly === true,
      staticRoutes: (connection.Routes ?? [])
        .filter((r) => r.Source?.toLowerCase() === 'static' && !gone(r.State) && r.DestinationCidrBlock)
        .map((r) => r.DestinationCidrBlock!),
    });
  }
  for (const gateway of results.customerGateways ?? []) {
    if (gone(gateway.State)) continue;
    const asnText = gateway.BgpAsn ?? gateway.BgpAsnExtended;
    const asn = Number(asnText);
    topology.customerGateways.push({
      id: gateway.CustomerGatewayId!,
      ...(gateway.IpAddress ? { ipAddress: gateway.IpAddress } : {}),
      ...(asnText !== undefined && Number.isFinite(asn) ? { bgpAsn: asn } : {}),
    });
  }
}

function transitGatewayRoute(route: Ec2TransitGatewayRoute): TransitGatewayRoute {
  const blackhole = route.State === 'blackhole';
  return {
    destination: route.DestinationCidrBlock ?? { unknown: `prefix list ${route.PrefixListId ?? '(none)'}` },
    attachmentIds: blackhole
      ? []
      : (route.TransitGatewayAttachments ?? []).map((a) => a.TransitGatewayAttachmentId!).filter(Boolean),
    type: route.Type === 'propagated' ? 'propagated' : 'static',
    state: blackhole ? 'blackhole' : 'active',
  };
}
