import { type DeclaredClient, TopologyIndex } from './analysis/topology-index.js';
import { parseClientNetworks } from './clients.js';
import type { Topology } from './model.js';
import { ftpServers } from './rules/rule.js';

/** What a check covered: a report with no client network checked nothing about the network path. */
export interface Coverage {
  /** FTP/FTPS servers checked. */
  servers: number;
  /** Distinct client networks checked (instances, declared CIDRs, subnets of peered VPCs), over all servers. */
  clientNetworks: number;
  /** Of those, networks given as CIDRs (`--client-cidr`, `clientCidrs`): on-premises or in other accounts. */
  declaredClientNetworks: number;
  /** FTP/FTPS servers no client network is known for: only their own settings were checked. */
  serversWithoutClients: string[];
  /** Where each declared network enters AWS, as given (`@...`) or inferred from routes; absent when not known. */
  entries?: { client: string; entersBy: string; inferred: boolean }[];
}

/** The one line every report starts with when the network path was not checked; `undefined` when it was. */
export function coverageGap(coverage: Coverage): string | undefined {
  if (coverage.servers === 0) return 'No FTP/FTPS server found: nothing was checked. Pass the stacks that define it.';
  if (coverage.serversWithoutClients.length === coverage.servers) {
    return 'No client network found: pass --client-cidr or add the clients to the input. Only the servers’ own settings were checked, not the path from any client.';
  }
  if (coverage.serversWithoutClients.length > 0) {
    return `No client network found for ${coverage.serversWithoutClients.join(', ')}: pass --client-cidr or add their clients to the input; their network path was not checked.`;
  }
  return undefined;
}

/** `Checked 1 FTP server and 2 client networks.` */
export function coverageLine(coverage: Coverage): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const checked = `Checked ${plural(coverage.servers, 'FTP server')} and ${plural(coverage.clientNetworks, 'client network')}.`;
  if (coverage.declaredClientNetworks === 0) return checked;
  const entries = (coverage.entries ?? []).map(
    (e) => `${e.client} enters by ${e.entersBy}${e.inferred ? ' (inferred from the routes)' : ''}`,
  );
  return `${checked} Declared client networks are checked up to the AWS edge; their on-premises side is outside AWS.${entries.length > 0 ? ` ${entries.join('; ')}.` : ''}`;
}

/** Counts the servers and client networks `checkTopology` would check with these client CIDRs. */
export function describeCoverage(
  topology: Topology,
  clientCidrs: readonly (string | DeclaredClient)[] = [],
  index?: TopologyIndex,
): Coverage {
  const lookups = index ?? new TopologyIndex(topology, parseClientNetworks(clientCidrs));
  const servers = ftpServers(topology);
  const networks = new Set<string>();
  const declared = new Set<string>();
  const serversWithoutClients: string[] = [];
  const entries = new Map<string, NonNullable<Coverage['entries']>[number]>();
  for (const server of servers) {
    const clients = lookups.clients(server);
    if (clients.length === 0) serversWithoutClients.push(server.id);
    for (const client of clients) {
      networks.add(`${client.kind} ${client.name}`);
      if (client.kind !== 'declared') continue;
      declared.add(client.name);
      const entry = lookups.entryOf(client, lookups.endpointSubnets(server));
      if (entry && !entries.has(client.name)) {
        const entersBy =
          entry.kind === 'vpn-gateway'
            ? `VPN gateway ${entry.id}`
            : `transit gateway attachment ${entry.attachment.id}`;
        entries.set(client.name, { client: client.name, entersBy, inferred: entry.inferred });
      }
    }
  }
  return {
    servers: servers.length,
    clientNetworks: networks.size,
    declaredClientNetworks: declared.size,
    serversWithoutClients,
    ...(entries.size > 0 ? { entries: [...entries.values()] } : {}),
  };
}
