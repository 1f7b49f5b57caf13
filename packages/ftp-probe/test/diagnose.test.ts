import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/diagnosis/diagnose.js';
import { STEPS, type StepName, type StepResult } from '../src/report.js';

function failedAt(step: StepName, status: 'failed' | 'timed-out', evidence: Record<string, unknown>, summary = 'x') {
  const result: StepResult = { step, title: STEPS[step], status, durationMs: 1, summary, transcript: [], evidence };
  return diagnose({ steps: [result], firstFailure: { step, status, summary } });
}

describe('diagnose', () => {
  it('port 21 dropped: security group first, default SG pitfall second, then egress, NACLs, routes, peering', () => {
    const causes = failedAt('tcp', 'timed-out', { error: { name: 'DeadlineError' } });
    expect(causes.map((c) => c.id)).toEqual([
      'CFTP-NET-005',
      'CFTP-NET-007',
      'CFTP-NET-008',
      'CFTP-NET-014',
      'CFTP-NET-015',
      'CFTP-NET-011',
      'CFTP-NET-012',
      'CFTP-NET-009',
    ]);
    expect(causes.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(causes[0]!.docs).toMatch(/docs\/rules\/CFTP-NET-005\.md$/);
  });

  it('port 21 refused: nothing listens (not a security group)', () => {
    expect(failedAt('tcp', 'failed', { error: { name: 'Error', code: 'ECONNREFUSED' } })[0]!.id).toBe('CFTP-PROBE-002');
  });

  it('no route: routes and peering', () => {
    expect(failedAt('tcp', 'failed', { error: { name: 'Error', code: 'EHOSTUNREACH' } })[0]!.id).toBe('CFTP-NET-011');
  });

  it('DNS failure: name, then VPC DNS support', () => {
    const causes = failedAt('dns', 'failed', { error: { name: 'Error', code: 'ENOTFOUND' } });
    expect(causes.map((c) => c.id)).toEqual(['CFTP-PROBE-001', 'CFTP-NET-020']);
    expect(causes[0]!.docs).toMatch(/ftp-probe\.md#cftp-probe-001$/);
  });

  it('listing refused with 550: home directory, then the permissions that can deny it', () => {
    expect(failedAt('list', 'failed', { replyCode: 550, phase: 'before-150' }).map((c) => c.id)).toEqual([
      'CFTP-PROBE-014',
      'CFTP-NET-025',
      'CFTP-NET-029',
      'CFTP-NET-017',
      'CFTP-NET-024',
    ]);
  });

  it('listing hangs before 150: reachability of storage first, not a bucket policy (which answers with an error)', () => {
    const ids = failedAt('list', 'timed-out', { phase: 'before-150' }).map((c) => c.id);
    expect(ids).toEqual(['CFTP-PROBE-012', 'CFTP-NET-017', 'CFTP-NET-025', 'CFTP-NET-024']);
  });

  it('522 on the data connection: TLS session resumption', () => {
    expect(failedAt('list', 'failed', { replyCode: 522, phase: 'before-150' }).map((c) => c.id)).toEqual([
      'CFTP-PROBE-017',
      'CFTP-NET-026',
    ]);
  });

  it('every finding has the shared Finding fields', () => {
    for (const cause of failedAt('list', 'timed-out', { phase: 'after-150', bytesReceived: 0 })) {
      expect(Object.keys(cause).sort()).toEqual(
        ['docs', 'evidence', 'id', 'message', 'rank', 'remediation', 'resource', 'severity', 'title'].sort(),
      );
    }
  });
});
