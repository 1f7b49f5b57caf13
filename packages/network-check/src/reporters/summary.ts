import type { Severity } from '../catalog.js';
import type { NetworkFinding } from '../check.js';

export function countBySeverity(findings: NetworkFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export function summaryLine(findings: NetworkFinding[]): string {
  const counts = countBySeverity(findings);
  if (findings.length === 0) return 'No findings: nothing in this configuration blocks FTP from the clients checked.';
  return `${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.`;
}

/** Where a finding points, in the user's words: construct path, else stack/logical id, else the resource id. */
export function whereOf(finding: NetworkFinding): string {
  const location = finding.location;
  return (
    location?.constructPath ?? (location?.logicalId ? `${location.stack}/${location.logicalId}` : finding.resource)
  );
}
