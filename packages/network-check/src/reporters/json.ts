import type { NetworkFinding } from '../check.js';
import type { Topology } from '../model.js';
import { countBySeverity } from './summary.js';

/** The machine-readable report: findings plus counts and what was read. */
export function formatJson(findings: NetworkFinding[], topology: Pick<Topology, 'source' | 'version'>): string {
  return `${JSON.stringify({ source: topology.source, modelVersion: topology.version, summary: countBySeverity(findings), findings }, null, 2)}\n`;
}
