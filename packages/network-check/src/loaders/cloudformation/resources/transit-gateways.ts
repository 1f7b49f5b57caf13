// Transit gateways, their attachments and route tables: the hub a spoke VPC, a VPN or Direct Connect reaches the
// FTP-VPC through. CloudFormation creates the default route table implicitly; the model names it
// `<transit gateway id>.DefaultRouteTable`.
import type { TransitGateway, TransitGatewayAttachment, TransitGatewayRouteTable } from '../../../model.js';
import type { ResourceInput, ResourceReader, TopologyParts } from './resource-reader.js';

/** The id the model gives the default route table CloudFormation creates with a transit gateway. */
export function defaultTransitGatewayRouteTableId(transitGatewayId: string): string {
  return `${transitGatewayId}.DefaultRouteTable`;
}

/** `enable` / `disable` options; CloudFormation's default for the default-route-table options is `enable`. */
function enabled(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || typeof value === 'object') return fallback;
  return String(value).toLowerCase() === 'enable';
}

const transitGateway: ResourceReader = ({ id, props, location, stack, read }, parts) => {
  const associate = enabled(props.DefaultRouteTableAssociation, true);
  const propagate = enabled(props.DefaultRouteTablePropagation, true);
  const implicit = defaultTransitGatewayRouteTableId(id);
  const explicitAssociation = read.ref(props.AssociationDefaultRouteTableId, 'AssociationDefaultRouteTableId');
  const explicitPropagation = read.ref(props.PropagationDefaultRouteTableId, 'PropagationDefaultRouteTableId');
  const gateway: TransitGateway = {
    id,
    location,
    defaultRouteTableAssociation: associate,
    defaultRouteTablePropagation: propagate,
    ...(associate
      ? { associationDefaultRouteTableId: typeof explicitAssociation === 'string' ? explicitAssociation : implicit }
      : {}),
    ...(propagate
      ? { propagationDefaultRouteTableId: typeof explicitPropagation === 'string' ? explicitPropagation : implicit }
      : {}),
    ...(stack.region.startsWith('<') ? {} : { region: stack.region }),
  };
  parts.topology.transitGateways.push(gateway);
  if (gateway.associationDefaultRouteTableId === implicit || gateway.propagationDefaultRouteTableId === implicit) {
    parts.topology.transitGatewayRouteTables.push(routeTable(implicit, id, location));
  }
  // Twice deferred: the defaults apply to attachments no explicit association names, known only after those steps.
  parts.later(() => parts.later(() => applyDefaults(gateway, parts)));
};

function routeTable(
  id: string,
  transitGatewayId: string,
  location: ResourceInput['location'],
): TransitGatewayRouteTable {
  return { id, location, transitGatewayId, associatedAttachmentIds: [], propagatingAttachmentIds: [], routes: [] };
}

/** What `DefaultRouteTableAssociation` / `...Propagation: enable` do to each attachment as it is created. */
function applyDefaults(gateway: TransitGateway, parts: TopologyParts): void {
  const { topology } = parts;
  const attachments = topology.transitGatewayAttachments.filter((a) => a.transitGatewayId === gateway.id);
  const associated = new Set(topology.transitGatewayRouteTables.flatMap((t) => t.associatedAttachmentIds));
  const associationTable = parts.find(topology.transitGatewayRouteTables, gateway.associationDefaultRouteTableId);
  const propagationTable = parts.find(topology.transitGatewayRouteTables, gateway.propagationDefaultRouteTableId);
  for (const attachment of attachments) {
    if (associationTable && !associated.has(attachment.id))
      associationTable.associatedAttachmentIds.push(attachment.id);
    // Peering attachments never propagate routes: their routes are static only.
    if (propagationTable && attachment.kind !== 'peering')
      add(propagationTable.propagatingAttachmentIds, attachment.id);
  }
}

function add(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

/** `AWS::EC2::TransitGatewayAttachment` and `AWS::EC2::TransitGatewayVpcAttachment`: a VPC, one subnet per zone. */
const vpcAttachment: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const options = (typeof props.Options === 'object' && props.Options !== null ? props.Options : {}) as Record<
    string,
    unknown
  >;
  const subnetIds = [...read.ids(props.SubnetIds, 'SubnetIds'), ...read.ids(props.AddSubnetIds, 'AddSubnetIds')];
  const removed = new Set(read.ids(props.RemoveSubnetIds, 'RemoveSubnetIds'));
  const attachment: TransitGatewayAttachment = {
    id,
    location,
    transitGatewayId: read.id(props.TransitGatewayId, 'TransitGatewayId'),
    kind: 'vpc',
    vpcId: read.id(props.VpcId, 'VpcId'),
    subnetIds: subnetIds.filter((s) => !removed.has(s)),
    state: 'available',
  };
  if (enabled(options.ApplianceModeSupport, false)) attachment.applianceMode = true;
  topology.transitGatewayAttachments.push(attachment);
};

/** A transit gateway in another Region or account: one opaque hop, its routes are not in this input. */
const peeringAttachment: ResourceReader = ({ id, props, location, read }, { topology }) => {
  const peerRegion = read.str(props.PeerRegion, 'PeerRegion');
  topology.transitGatewayAttachments.push({
    id,
    location,
    transitGatewayId: read.id(props.TransitGatewayId, 'TransitGatewayId'),
    kind: 'peering',
    subnetIds: [],
    peerTransitGatewayId: read.id(props.PeerTransitGatewayId, 'PeerTransitGatewayId'),
    ...(typeof peerRegion === 'string' ? { peerRegion } : {}),
    state: 'available',
  });
};

const transitGatewayRouteTable: ResourceReader = ({ id, props, location, read }, { topology }) => {
  topology.transitGatewayRouteTables.push(
    routeTable(id, read.id(props.TransitGatewayId, 'TransitGatewayId'), location),
  );
};

/** Association and propagation share their properties: an attachment and a route table. */
function tableLink(list: 'associatedAttachmentIds' | 'propagatingAttachmentIds'): ResourceReader {
  return ({ props, read }, parts) =>
    parts.later(() => {
      const table = parts.find(
        parts.topology.transitGatewayRouteTables,
        read.ref(props.TransitGatewayRouteTableId, 'TransitGatewayRouteTableId'),
      );
      const attachment = read.id(props.TransitGatewayAttachmentId, 'TransitGatewayAttachmentId');
      if (table && attachment !== '') add(table[list], attachment);
    });
}

const transitGatewayRoute: ResourceReader = ({ props, read }, parts) =>
  parts.later(() => {
    const table = parts.find(
      parts.topology.transitGatewayRouteTables,
      read.ref(props.TransitGatewayRouteTableId, 'TransitGatewayRouteTableId'),
    );
    const destination = read.str(props.DestinationCidrBlock, 'DestinationCidrBlock');
    if (table === undefined || destination === undefined) return;
    const blackhole = read.bool(props.Blackhole, 'Blackhole', false) === true;
    const attachment = read.id(props.TransitGatewayAttachmentId, 'TransitGatewayAttachmentId');
    table.routes.push({
      destination,
      attachmentIds: blackhole || attachment === '' ? [] : [attachment],
      type: 'static',
      state: blackhole ? 'blackhole' : 'active',
    });
  });

export const TRANSIT_GATEWAY_READERS: Record<string, ResourceReader> = {
  'AWS::EC2::TransitGateway': transitGateway,
  'AWS::EC2::TransitGatewayAttachment': vpcAttachment,
  'AWS::EC2::TransitGatewayVpcAttachment': vpcAttachment,
  'AWS::EC2::TransitGatewayPeeringAttachment': peeringAttachment,
  'AWS::EC2::TransitGatewayRouteTable': transitGatewayRouteTable,
  'AWS::EC2::TransitGatewayRouteTableAssociation': tableLink('associatedAttachmentIds'),
  'AWS::EC2::TransitGatewayRouteTablePropagation': tableLink('propagatingAttachmentIds'),
  'AWS::EC2::TransitGatewayRoute': transitGatewayRoute,
};
