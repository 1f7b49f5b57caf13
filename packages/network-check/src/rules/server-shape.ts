import { ftpServers, type Rule } from './rule.js';

/** CFTP-NET-001..004: what Transfer Family itself requires of an FTP/FTPS server. */
export const serverShape: Rule = ({ topology, report }) => {
  for (const server of ftpServers(topology)) {
    const evidence = { Protocols: server.protocols };
    if (server.endpointType !== 'VPC') {
      report({
        id: 'CFTP-NET-001',
        resource: server,
        message: `Server ${server.id} offers ${server.protocols.join('/')} on a ${server.endpointType} endpoint; FTP/FTPS need EndpointType VPC.`,
        evidence: { ...evidence, EndpointType: server.endpointType },
      });
    }
    if (server.protocols.includes('FTP') && server.addressAllocationIds.length > 0) {
      report({
        id: 'CFTP-NET-002',
        resource: server,
        message: `Server ${server.id} offers FTP on an internet-facing endpoint (Elastic IPs attached); FTP is internal only.`,
        evidence: { ...evidence, AddressAllocationIds: server.addressAllocationIds },
      });
    }
    if (!['AWS_LAMBDA', 'API_GATEWAY', 'AWS_DIRECTORY_SERVICE'].includes(server.identityProviderType)) {
      report({
        id: 'CFTP-NET-003',
        resource: server,
        message: `Server ${server.id} uses ${server.identityProviderType} users, which cannot log in over FTP/FTPS.`,
        evidence: { ...evidence, IdentityProviderType: server.identityProviderType },
      });
    }
    if (server.protocols.includes('FTPS') && server.certificate === undefined) {
      report({
        id: 'CFTP-NET-004',
        resource: server,
        message: `Server ${server.id} offers FTPS without a Certificate.`,
        evidence,
        remediation: `Set Certificate on ${server.id} to the ARN of an ACM certificate for the name clients connect to.`,
      });
    }
  }
};
