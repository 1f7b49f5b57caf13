import { RULES, type RuleId, type Severity } from './catalog.js';

/**
 * `closed` (default): no internet path, every AWS API through interface endpoints.
 * `connected`: the VPC has a NAT or internet gateway, so the interface-endpoint rules only advise.
 */
export type Profile = 'closed' | 'connected';

export const PROFILES: readonly Profile[] = ['closed', 'connected'];

const CONNECTED: Partial<Record<RuleId, Severity>> = {
  'CFTP-NET-017': 'info',
  'CFTP-NET-018': 'info',
  'CFTP-NET-019': 'info',
  'CFTP-NET-023': 'warning',
};

export function severityOf(id: RuleId, profile: Profile): Severity {
  return (profile === 'connected' ? CONNECTED[id] : undefined) ?? RULES[id].severity;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Whether `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function compareSeverity(left: Severity, right: Severity): number {
  return RANK[right] - RANK[left];
}
