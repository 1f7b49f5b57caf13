import type { TopologyIndex } from '../analysis/topology-index.js';
import type { RuleId, Severity } from '../catalog.js';
import type { Resource, Topology, TransferServer } from '../model.js';

/** What a rule reports; `check` fills in title, docs and the profile's severity. */
export interface FindingDraft {
  id: RuleId;
  resource: Resource | string;
  message: string;
  evidence?: Record<string, unknown>;
  /** A remediation specific to this finding; default the catalog's. */
  remediation?: string;
  /** Overrides the catalog severity for this finding only (e.g. a working but unscoped permission). */
  severity?: Severity;
}

export interface RuleContext {
  topology: Topology;
  index: TopologyIndex;
  report(finding: FindingDraft): void;
}

/** A rule reads the topology and reports zero or more findings. */
export type Rule = (context: RuleContext) => void;

/** Servers that speak FTP or FTPS: the only ones network-check has opinions about. */
export function ftpServers(topology: Topology): TransferServer[] {
  return topology.transferServers.filter((s) => s.protocols.some((p) => p === 'FTP' || p === 'FTPS'));
}
