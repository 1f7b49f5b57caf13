// Transfer Family servers.
import type { TransferServer } from '../../../model.js';
import { arnFor } from '../intrinsics.js';
import type { Props, ResourceReader } from './resource-reader.js';

const server: ResourceReader = ({ type, id, props, location, stack, read }, { topology }) => {
  const endpoint = (props.EndpointDetails ?? {}) as Props;
  const idp = (props.IdentityProviderDetails ?? {}) as Props;
  const protocol = (props.ProtocolDetails ?? {}) as Props;
  const result: TransferServer = {
    id,
    location,
    arn: arnFor(type, id, stack),
    protocols: Array.isArray(props.Protocols) ? props.Protocols.map(String) : ['SFTP'],
    endpointType: typeof props.EndpointType === 'string' ? props.EndpointType : 'PUBLIC',
    subnetIds: read.ids(endpoint.SubnetIds, 'EndpointDetails.SubnetIds'),
    securityGroupIds: read.ids(endpoint.SecurityGroupIds, 'EndpointDetails.SecurityGroupIds'),
    addressAllocationIds: read.ids(endpoint.AddressAllocationIds, 'EndpointDetails.AddressAllocationIds'),
    identityProviderType:
      typeof props.IdentityProviderType === 'string' ? props.IdentityProviderType : 'SERVICE_MANAGED',
    passiveIp: read.str(protocol.PassiveIp, 'ProtocolDetails.PassiveIp') ?? 'AUTO',
    structuredLogDestinations: Array.isArray(props.StructuredLogDestinations)
      ? props.StructuredLogDestinations.map((d, i) => read.str(d, `StructuredLogDestinations[${i}]`)!)
      : [],
  };
  const vpcId = read.str(endpoint.VpcId, 'EndpointDetails.VpcId');
  if (vpcId !== undefined) result.vpcId = vpcId;
  const fn = read.str(idp.Function, 'IdentityProviderDetails.Function');
  if (fn !== undefined) result.identityProviderFunction = fn;
  const certificate = read.str(props.Certificate, 'Certificate');
  if (certificate !== undefined) result.certificate = certificate;
  if (typeof protocol.TlsSessionResumptionMode === 'string') {
    result.tlsSessionResumptionMode = protocol.TlsSessionResumptionMode;
  }
  const loggingRole = read.str(props.LoggingRole, 'LoggingRole');
  if (loggingRole !== undefined) result.loggingRole = loggingRole;
  topology.transferServers.push(result);
};

export const TRANSFER_READERS: Record<string, ResourceReader> = { 'AWS::Transfer::Server': server };
