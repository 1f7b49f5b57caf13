import type { Severity } from '../catalog.js';
import type { NetworkFinding } from '../check.js';
import { type Coverage, coverageGap, coverageLine } from '../coverage.js';

export function countBySeverity(findings: NetworkFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** The last line of a report: counts, and what was checked (never "no findings" for a path nobody checked). */
export function summaryLine(findings: NetworkFinding[], coverage?: Coverage): string {
  const counts = countBySeverity(findings);
  const checked = coverage ? ` ${coverageLine(coverage)}` : '';
  if (findings.length > 0)
    return `${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.${checked}`;
  if (coverage === undefined) return 'No findings.';
  if (coverageGap(coverage) !== undefined)
    return `No findings in what was checked, but the check is incomplete.${checked}`;
  return `No findings: nothing in this configuration blocks FTP from the clients checked.${checked}`;
}

/** Where a finding points, in the user's words: construct path, else stack/logical id, else the resource id. */
export function whereOf(finding: NetworkFinding): string {
  const location = finding.location;
  return (
    location?.constructPath ?? (location?.logicalId ? `${location.stack}/${location.logicalId}` : finding.resource)
  );
}
