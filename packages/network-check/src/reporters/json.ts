import type { NetworkFinding } from '../check.js';
import { type Coverage, coverageGap } from '../coverage.js';
import type { Topology } from '../model.js';
import { countBySeverity } from './summary.js';

/** The machine-readable report: findings plus counts, what was read and (given `coverage`) what was checked. */
export function formatJson(
  findings: NetworkFinding[],
  topology: Pick<Topology, 'source' | 'version'>,
  coverage?: Coverage,
): string {
  const checked = coverage ? { coverage: { ...coverage, gap: coverageGap(coverage) ?? null } } : {};
  const report = {
    source: topology.source,
    modelVersion: topology.version,
    ...checked,
    summary: countBySeverity(findings),
    findings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
