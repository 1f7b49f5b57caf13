import type { Severity } from '@closed-ftp/network-check/catalog';

/**
 * Causes the probe can name that no network-check rule covers (they are observed, not configured). Ids are stable;
 * each has a section in docs/ftp-probe.md.
 */
export const PROBE_CAUSES = {
  'CFTP-PROBE-001': { title: 'Host name does not resolve from the client', severity: 'error' },
  'CFTP-PROBE-002': { title: 'Nothing accepts connections on the control port', severity: 'error' },
  'CFTP-PROBE-003': { title: 'No FTP greeting on the control port', severity: 'error' },
  'CFTP-PROBE-004': { title: 'Server does not offer explicit FTPS', severity: 'error' },
  'CFTP-PROBE-005': { title: 'Server certificate is not trusted by the client', severity: 'error' },
  'CFTP-PROBE-006': { title: 'Certificate check was skipped (--insecure)', severity: 'warning' },
  'CFTP-PROBE-007': { title: 'Wrong user name or password', severity: 'error' },
  'CFTP-PROBE-008': { title: 'Identity provider denies the user', severity: 'error' },
  'CFTP-PROBE-009': { title: 'Identity provider answers too slowly', severity: 'error' },
  'CFTP-PROBE-010': { title: 'Server refuses this passive command', severity: 'error' },
  'CFTP-PROBE-011': { title: 'Advertised passive port refuses connections', severity: 'error' },
  'CFTP-PROBE-012': { title: 'Storage does not answer: the listing hangs before 150', severity: 'error' },
  'CFTP-PROBE-013': { title: 'Storage stalls after 150', severity: 'error' },
  'CFTP-PROBE-014': { title: 'Home directory missing or not readable', severity: 'error' },
  'CFTP-PROBE-015': { title: 'Write test failed', severity: 'error' },
  'CFTP-PROBE-016': { title: 'Server broke the FTP protocol', severity: 'error' },
  'CFTP-PROBE-017': { title: 'Data connection did not resume the TLS session', severity: 'warning' },
  'CFTP-PROBE-018': { title: 'TestIdentityProvider could not be called', severity: 'warning' },
} as const satisfies Record<string, { title: string; severity: Severity }>;

export type ProbeCauseId = keyof typeof PROBE_CAUSES;

export function probeCauseDocsUrl(id: ProbeCauseId): string {
  return `https://github.com/closed-ftp/closed-ftp/blob/main/docs/ftp-probe.md#${id.toLowerCase()}`;
}
