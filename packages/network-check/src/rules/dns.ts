import { ftpServers, type Rule } from './rule.js';

/** CFTP-NET-020: DNS support (and hostnames in the server VPC) for interface endpoint names to resolve. */
export const dnsAttributes: Rule = ({ topology, index, report }) => {
  const checked = new Set<string>();
  for (const server of ftpServers(topology)) {
    const serverVpc = index.vpc(index.serverVpcId(server));
    const clientVpcs = index.clients(server).map((c) => index.vpc(c.vpcId));
    for (const vpc of [serverVpc, ...clientVpcs]) {
      if (vpc === undefined || checked.has(vpc.id)) continue;
      checked.add(vpc.id);
      const isServer = vpc === serverVpc;
      const off = [
        vpc.enableDnsSupport === false ? 'EnableDnsSupport' : undefined,
        isServer && vpc.enableDnsHostnames === false ? 'EnableDnsHostnames' : undefined,
      ].filter((name) => name !== undefined);
      if (off.length === 0) continue;
      report({
        id: 'CFTP-NET-020',
        resource: vpc,
        message: `${isServer ? 'Server' : 'Client'} VPC ${vpc.id} has ${off.join(' and ')} off.`,
        evidence: {
          EnableDnsSupport: vpc.enableDnsSupport,
          EnableDnsHostnames: vpc.enableDnsHostnames,
          role: isServer ? 'server' : 'client',
        },
        remediation: `Set ${off.join(' and ')} to true on ${vpc.id}.`,
      });
    }
  }
};
