import { TopologyIndex } from './analysis/topology-index.js';
import { type Finding, RULES, ruleDocsUrl, type Severity } from './catalog.js';
import { type ClientNetwork, parseClientNetworks, unknownEntryError } from './clients.js';
import type { SourceLocation, Topology } from './model.js';
import { atLeast, compareSeverity, type Profile, severityOf } from './profiles.js';
import { ALL_RULES } from './rules/index.js';
import type { FindingDraft } from './rules/rule.js';

export interface CheckOptions {
  /**
   * Client networks not in the input (on-premises, other accounts), e.g. `10.20.0.0/16`, or with where they enter
   * AWS: `192.168.0.0/16@tgw-attach-0abc` (a transit gateway attachment, VPN connection or VPN gateway).
   */
  clientCidrs?: string[];
  /** The same as objects: `{ cidr: '192.168.0.0/16', via: 'vgw-0abc' }`; checked together with `clientCidrs`. */
  clients?: ClientNetwork[];
  /** Severity profile; default `closed`. */
  profile?: Profile;
}

/** A finding with the place in the input it points at (for SARIF and construct paths). */
export interface NetworkFinding extends Finding {
  location?: SourceLocation;
}

/** Runs every rule over a topology. Findings are sorted by severity, then rule id, then resource. */
export function checkTopology(topology: Topology, options: CheckOptions = {}): NetworkFinding[] {
  const clients = declaredClients(options);
  const profile = options.profile ?? 'closed';
  const index = new TopologyIndex(topology, clients);
  for (const client of clients) {
    if (
      client.via !== undefined &&
      index.entryOf({ name: client.cidr, kind: 'declared', ...client }, []) === undefined
    ) {
      throw unknownEntryError(client);
    }
  }
  const locations = locationsById(topology);
  const findings: NetworkFinding[] = [];
  const keys = new Set<string>();
  const report = (draft: FindingDraft) => {
    const resource = typeof draft.resource === 'string' ? draft.resource : draft.resource.id;
    const key = `${draft.id}\0${resource}\0${draft.message}`;
    if (keys.has(key)) return;
    keys.add(key);
    const rule = RULES[draft.id];
    const finding: NetworkFinding = {
      id: draft.id,
      severity: draft.severity ?? severityOf(draft.id, profile),
      title: rule.title,
      resource,
      message: draft.message,
      evidence: draft.evidence ?? {},
      remediation: draft.remediation ?? rule.remediation,
      docs: ruleDocsUrl(draft.id),
    };
    const location =
      (typeof draft.resource === 'string' ? undefined : draft.resource.location) ?? locations.get(resource);
    if (location) finding.location = location;
    findings.push(finding);
  };
  for (const rule of ALL_RULES) rule({ topology, index, report });
  return findings.sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) || a.id.localeCompare(b.id) || a.resource.localeCompare(b.resource),
  );
}

/** `clientCidrs` and `clients` of the options as one checked list. */
export function declaredClients(options: Pick<CheckOptions, 'clientCidrs' | 'clients'>): ClientNetwork[] {
  return parseClientNetworks([...(options.clientCidrs ?? []), ...(options.clients ?? [])]);
}

/** Whether any finding is at or above `failOn` (what makes the CLI exit 1 and the CDK plugin fail). */
export function hasFindingsAtOrAbove(findings: Finding[], failOn: Severity): boolean {
  return findings.some((f) => atLeast(f.severity, failOn));
}

function locationsById(topology: Topology): Map<string, SourceLocation> {
  const map = new Map<string, SourceLocation>();
  const lists = [
    topology.vpcs,
    topology.subnets,
    topology.routeTables,
    topology.securityGroups,
    topology.networkAcls,
    topology.peeringConnections,
    topology.vpcEndpoints,
    topology.transferServers,
    topology.lambdaFunctions,
    topology.roles,
    topology.instances,
    topology.secrets,
    topology.buckets,
    topology.vpnGateways,
    topology.vpnConnections,
    topology.customerGateways,
    topology.transitGateways,
    topology.transitGatewayAttachments,
    topology.transitGatewayRouteTables,
  ];
  for (const list of lists) for (const item of list) if (item.location) map.set(item.id, item.location);
  return map;
}
