import { RULES, ruleDocsUrl } from '@closed-ftp/rule-catalog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { NETWORK_CAUSE_MESSAGES } from '../../src/diagnosis/network-causes.js';
import type { Given } from '../../src/diagnosis/seen.js';
import { FAILURE_SYMPTOMS, WARNING_SYMPTOMS } from '../../src/diagnosis/symptoms.js';
import { PROBE_CAUSES, type ProbeFinding } from '../../src/index.js';
import { STEPS, type StepName, type StepResult, type StepStatus } from '../../src/report.js';

const step = (name: StepName, status: StepStatus, evidence: Record<string, unknown> = {}, summary = 'x') =>
  ({ step: name, title: STEPS[name], status, durationMs: 1, summary, transcript: [], evidence }) satisfies StepResult;
const ok = (name: StepName, evidence: Record<string, unknown> = {}) => step(name, 'ok', evidence);

/** Diagnoses steps as probe() reports them: the first failed or timed-out step is the first failure. */
function run(steps: StepResult[], given: Given = { idpTest: false }): ProbeFinding[] {
  const order = Object.keys(STEPS);
  const sorted = [...steps].sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
  const first = sorted.find((s) => s.status === 'failed' || s.status === 'timed-out');
  return diagnose(
    {
      steps: sorted,
      ...(first
        ? { firstFailure: { step: first.step, status: first.status as 'failed', summary: first.summary } }
        : {}),
    },
    given,
  );
}
const failedAt = (name: StepName, status: 'failed' | 'timed-out', evidence: Record<string, unknown>) =>
  run([step(name, status, evidence)]);
const ids = (findings: ProbeFinding[]) => findings.map((f) => f.id);

const error = (name: string, code?: string) => ({ error: { name, ...(code ? { code } : {}), message: 'm' } });
const refused = (host: string) => [{ host, port: 8193, result: 'refused', ms: 1 }];
const dropped = (host: string) => [{ host, port: 8193, result: 'timed-out', ms: 5000 }];
const pasvElsewhere = (controlHostWorks: boolean) => ({
  phase: 'data-connect',
  advertisedHost: '192.0.2.10',
  addressKind: 'public',
  controlHost: '10.0.0.5',
  differsFromControlHost: true,
  controlHostWorks,
  dataConnect: [...dropped('192.0.2.10'), ...(controlHostWorks ? [] : dropped('10.0.0.5'))],
});
const upToSession = () => [ok('dns'), ok('tcp'), ok('banner'), ok('login'), ok('session')];

/** One case per symptom the probe can report: what the steps showed, and the causes expected, in rank order. */
const CASES: Array<{ name: string; steps: StepResult[]; expected: string[]; given?: Given }> = [
  {
    name: 'DNS lookup fails: name, then VPC DNS support',
    steps: [step('dns', 'failed', error('Error', 'ENOTFOUND'))],
    expected: ['CFTP-PROBE-001', 'CFTP-NET-020'],
  },
  {
    name: 'port 21 refused: nothing listens (not a security group)',
    steps: [ok('dns'), step('tcp', 'failed', error('Error', 'ECONNREFUSED'))],
    expected: ['CFTP-PROBE-002'],
  },
  {
    name: 'no route to the host: routes and peering',
    steps: [ok('dns'), step('tcp', 'failed', error('Error', 'EHOSTUNREACH'))],
    expected: ['CFTP-NET-011', 'CFTP-NET-009', 'CFTP-NET-012'],
  },
  {
    name: 'port 21 dropped: security group first, default SG pitfall second, then egress, NACLs, routes, peering',
    steps: [ok('dns'), step('tcp', 'timed-out', error('DeadlineError'))],
    expected: [
      'CFTP-NET-005',
      'CFTP-NET-007',
      'CFTP-NET-008',
      'CFTP-NET-014',
      'CFTP-NET-015',
      'CFTP-NET-011',
      'CFTP-NET-012',
      'CFTP-NET-009',
    ],
  },
  {
    name: 'a 421 instead of the greeting: no FTP greeting, then the return route',
    steps: [ok('dns'), ok('tcp'), step('banner', 'failed', error('UnexpectedReplyError'))],
    expected: ['CFTP-PROBE-003', 'CFTP-NET-012'],
  },
  {
    name: 'an SSH banner on the port: protocol error',
    steps: [ok('dns'), ok('tcp'), step('banner', 'failed', error('MalformedReplyError'))],
    expected: ['CFTP-PROBE-016'],
  },
  {
    name: 'untrusted certificate',
    steps: [
      ok('dns'),
      ok('tcp'),
      ok('banner'),
      step('tls', 'failed', { ...error('CertificateRejectedError'), authorizationError: 'SELF_SIGNED' }),
    ],
    expected: ['CFTP-PROBE-005'],
  },
  {
    name: 'AUTH TLS refused: FTPS not offered, then its certificate',
    steps: [ok('dns'), ok('tcp'), ok('banner'), step('tls', 'failed', { ...error('UnexpectedReplyError') })],
    expected: ['CFTP-PROBE-004', 'CFTP-NET-004'],
  },
  {
    name: 'PASS not answered in time: slow IdP, its Secrets Manager endpoint, its timeout',
    steps: [ok('dns'), ok('tcp'), ok('banner'), step('login', 'timed-out', error('DeadlineError'))],
    expected: ['CFTP-PROBE-009', 'CFTP-NET-023', 'CFTP-NET-022'],
  },
  {
    name: 'a fast 530: credentials, then the IdP, then the invoke permission',
    steps: [ok('dns'), ok('tcp'), ok('banner'), step('login', 'failed', { replyCode: 530, passReplyMs: 40 })],
    expected: ['CFTP-PROBE-007', 'CFTP-PROBE-008', 'CFTP-NET-021', 'CFTP-NET-025'],
  },
  {
    name: 'a slow 530: the IdP timed out, ranked before credentials',
    steps: [ok('dns'), ok('tcp'), ok('banner'), step('login', 'failed', { replyCode: 530, passReplyMs: 2600 })],
    expected: ['CFTP-PROBE-009', 'CFTP-PROBE-007', 'CFTP-PROBE-008', 'CFTP-NET-021', 'CFTP-NET-025'],
  },
  {
    name: 'a 530 although TestIdentityProvider returns a Role for the same password: the role, then the home directory',
    steps: [
      ok('dns'),
      ok('tcp'),
      ok('banner'),
      step('login', 'failed', { replyCode: 530, passReplyMs: 40 }),
      ok('idp', { role: 'arn:aws:iam::111122223333:role/transfer-user' }),
    ],
    given: { idpTest: true },
    expected: ['CFTP-NET-025', 'CFTP-PROBE-014'],
  },
  {
    name: 'PWD refused: protocol error',
    steps: [ok('dns'), ok('tcp'), ok('banner'), ok('login'), step('session', 'failed', error('UnexpectedReplyError'))],
    expected: ['CFTP-PROBE-016'],
  },
  {
    name: 'the server closes the session: protocol error naming the closed connection',
    steps: [ok('dns'), ok('tcp'), ok('banner'), ok('login'), step('session', 'failed', error('ConnectionClosedError'))],
    expected: ['CFTP-PROBE-016'],
  },
  {
    name: 'EPSV refused while PASV works: use PASV',
    steps: [...upToSession(), step('epsv', 'failed', { phase: 'reply', replyCode: 500 }), ok('pasv'), ok('list')],
    expected: ['CFTP-PROBE-010'],
  },
  {
    name: 'PASV refused while EPSV works: use EPSV',
    steps: [...upToSession(), ok('epsv'), step('pasv', 'failed', { phase: 'reply', replyCode: 502 }), ok('list')],
    expected: ['CFTP-PROBE-010'],
  },
  {
    name: 'PASV names an unroutable address, the control host works: PassiveIp only',
    steps: [...upToSession(), ok('epsv'), step('pasv', 'timed-out', pasvElsewhere(true)), ok('list')],
    expected: ['CFTP-NET-016'],
  },
  {
    name: 'the advertised data port is refused: nothing listens, or a rejecting firewall',
    steps: [
      ...upToSession(),
      step('epsv', 'failed', { phase: 'data-connect', dataConnect: refused('10.0.0.5') }),
      step('pasv', 'failed', { phase: 'data-connect', dataConnect: refused('10.0.0.5') }),
    ],
    expected: ['CFTP-PROBE-011', 'CFTP-NET-006'],
  },
  {
    name: 'PASV names another host and neither answers: PassiveIp, then the data path',
    steps: [...upToSession(), ok('epsv'), step('pasv', 'timed-out', pasvElsewhere(false)), ok('list')],
    expected: ['CFTP-NET-016', 'CFTP-NET-006', 'CFTP-NET-008', 'CFTP-NET-014', 'CFTP-NET-015', 'CFTP-NET-011'],
  },
  {
    name: 'data ports dropped: the endpoint security group first, then egress and NACLs',
    steps: [
      ...upToSession(),
      step('epsv', 'timed-out', { phase: 'data-connect', dataConnect: dropped('10.0.0.5') }),
      step('pasv', 'timed-out', { phase: 'data-connect', dataConnect: dropped('10.0.0.5') }),
    ],
    expected: ['CFTP-NET-006', 'CFTP-NET-008', 'CFTP-NET-014', 'CFTP-NET-015'],
  },
  {
    name: 'the write test refused at STOR: permissions to write',
    steps: [
      ...upToSession(),
      ok('epsv'),
      ok('pasv'),
      ok('list'),
      step('write', 'failed', { stage: 'STOR', replyCode: 550 }),
    ],
    expected: ['CFTP-PROBE-015', 'CFTP-NET-025'],
  },
  {
    name: 'listing refused with 550: home directory, then the permissions that can deny it',
    steps: [...upToSession(), ok('epsv'), ok('pasv'), step('list', 'failed', { replyCode: 550, phase: 'before-150' })],
    expected: ['CFTP-PROBE-014', 'CFTP-NET-025', 'CFTP-NET-029', 'CFTP-NET-017', 'CFTP-NET-024'],
  },
  {
    name: '522 on the data connection: TLS session resumption',
    steps: [...upToSession(), ok('epsv'), ok('pasv'), step('list', 'failed', { replyCode: 522, phase: 'before-150' })],
    expected: ['CFTP-PROBE-017', 'CFTP-NET-026'],
  },
  {
    name: '425 on the listing: the data connection',
    steps: [...upToSession(), ok('epsv'), ok('pasv'), step('list', 'failed', { replyCode: 425, phase: 'before-150' })],
    expected: ['CFTP-NET-006'],
  },
  {
    name: 'listing hangs before 150: reachability of storage first, not a bucket policy (which answers with an error)',
    steps: [...upToSession(), ok('epsv'), ok('pasv'), step('list', 'timed-out', { phase: 'before-150' })],
    expected: ['CFTP-PROBE-012', 'CFTP-NET-017', 'CFTP-NET-025', 'CFTP-NET-024'],
  },
  {
    name: 'listing stalls after 150: storage',
    steps: [
      ...upToSession(),
      ok('epsv'),
      ok('pasv'),
      step('list', 'timed-out', { phase: 'after-150', bytesReceived: 12 }),
    ],
    expected: ['CFTP-PROBE-013', 'CFTP-NET-025', 'CFTP-NET-029', 'CFTP-NET-017', 'CFTP-NET-024'],
  },
  {
    name: 'the listing fails before it starts, with an unexpected reply',
    steps: [...upToSession(), ok('epsv'), ok('pasv'), step('list', 'failed', error('UnexpectedReplyError'))],
    expected: ['CFTP-PROBE-016'],
  },
  {
    name: 'TestIdentityProvider denies a user who logs in (an independent check)',
    steps: [
      ...upToSession(),
      ok('epsv'),
      ok('pasv'),
      ok('list'),
      step('idp', 'failed', { ...error('IdentityProviderDeniedError'), message: 'Lambda IDP authentication failure' }),
    ],
    given: { idpTest: true },
    expected: ['CFTP-PROBE-008'],
  },
  {
    name: 'TestIdentityProvider cannot be called',
    steps: [
      ...upToSession(),
      ok('epsv'),
      ok('pasv'),
      ok('list'),
      step('idp', 'failed', { ...error('AccessDeniedException'), errorName: 'AccessDeniedException' }),
    ],
    given: { idpTest: true },
    expected: ['CFTP-PROBE-018'],
  },
  {
    name: 'healthy with --insecure: the skipped certificate check',
    steps: [ok('dns'), ok('tcp'), ok('banner'), ok('tls', { insecure: true, authorizationError: 'SELF_SIGNED' })],
    expected: ['CFTP-PROBE-006'],
  },
  {
    name: 'healthy, but the data connection did not resume the TLS session',
    steps: [...upToSession(), ok('epsv'), ok('pasv'), ok('list', { tlsSessionReused: false })],
    expected: ['CFTP-PROBE-017'],
  },
];

describe('diagnose: one case per symptom', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, { steps, expected, given }) => {
    const findings = run(steps, given);
    expect(ids(findings)).toEqual(expected);
    expect(findings.map((f) => f.rank)).toEqual(expected.map((_, index) => index + 1));
  });

  it('every symptom of the tables has a case above', () => {
    const seen = new Set<string>();
    for (const { steps } of CASES) {
      const first = steps.find((s) => s.status === 'failed' || s.status === 'timed-out');
      const failure = first && FAILURE_SYMPTOMS.find((s) => s.matches(first, steps));
      if (failure) seen.add(failure.id);
      for (const s of steps) for (const w of WARNING_SYMPTOMS) if (w.matches(s, steps)) seen.add(w.id);
    }
    expect([...seen].sort()).toEqual([...FAILURE_SYMPTOMS, ...WARNING_SYMPTOMS].map((s) => s.id).sort());
  });

  it('every cause id the probe can report is produced by a case above', () => {
    const produced = new Set(CASES.flatMap((c) => ids(run(c.steps, c.given))));
    const reportable = [...Object.keys(PROBE_CAUSES), ...Object.keys(NETWORK_CAUSE_MESSAGES)];
    expect(reportable.filter((id) => !produced.has(id as never))).toEqual([]);
  });
});

describe('diagnose: what each finding says', () => {
  it('network rules: title, severity, remediation and docs are the catalog rule’s own', () => {
    for (const { steps, given } of CASES) {
      for (const finding of run(steps, given).filter((f) => f.id in RULES)) {
        const rule = RULES[finding.id as keyof typeof RULES];
        expect(finding).toMatchObject({ title: rule.title, severity: rule.severity, remediation: rule.remediation });
        expect(finding.docs).toBe(ruleDocsUrl(finding.id as keyof typeof RULES));
      }
    }
  });

  it('probe causes link to their section of reference/probe-causes', () => {
    const causes = failedAt('dns', 'failed', error('Error', 'ENOTFOUND'));
    expect(causes[0]!.docs).toBe('https://closed-ftp.github.io/closed-ftp/reference/probe-causes#cftp-probe-001');
    expect(causes[1]!.docs).toBe(ruleDocsUrl('CFTP-NET-020'));
  });

  it('every finding has the shared Finding fields, each filled in', () => {
    for (const { steps, given } of CASES) {
      for (const cause of run(steps, given)) {
        expect(Object.keys(cause).sort()).toEqual(
          ['docs', 'evidence', 'id', 'message', 'rank', 'remediation', 'resource', 'severity', 'title'].sort(),
        );
        for (const field of ['title', 'message', 'remediation', 'docs', 'resource'] as const) {
          expect(cause[field].trim(), `${cause.id} ${field}`).not.toBe('');
        }
        expect(cause.message, cause.id).not.toMatch(/undefined/);
      }
    }
  });

  it('the passive causes name what was seen: the working command, the advertised address, the refused host', () => {
    const byName = (name: string) => run(CASES.find((c) => c.name.startsWith(name))!.steps);
    expect(byName('EPSV refused')[0]!.remediation).toContain('use PASV (which works)');
    expect(byName('PASV refused')[0]!.remediation).toContain('use EPSV (which works)');
    expect(byName('PASV names an unroutable')[0]!.message).toContain('192.0.2.10 (public)');
    expect(byName('PASV names an unroutable')[0]!.message).toContain('control host 10.0.0.5 works');
    expect(byName('the advertised data port is refused')[0]!.message).toContain('refused at 10.0.0.5');
    expect(byName('data ports dropped')[0]!.message).toContain('TCP 8192-8200 is dropped');
  });
});

describe('diagnose: each cause once, its advice fitting the options given', () => {
  const deniedTwice = [
    ok('dns'),
    ok('tcp'),
    ok('banner'),
    step('login', 'failed', { replyCode: 530, passReplyMs: 30 }),
    step('idp', 'failed', {
      ...error('IdentityProviderDeniedError'),
      message: 'Lambda IDP authentication failure',
      statusCode: 200,
    }),
  ];

  it('a 530 that TestIdentityProvider confirms: CFTP-PROBE-008 once, first, from the IdP test, without "--server-id"', () => {
    const findings = run(deniedTwice, { idpTest: true });
    expect(ids(findings)).toEqual(['CFTP-PROBE-008', 'CFTP-PROBE-007', 'CFTP-NET-021', 'CFTP-NET-025']);
    expect(findings[0]).toMatchObject({ resource: 'step idp' });
    expect(findings[0]!.message).toContain('Lambda IDP authentication failure');
    for (const finding of findings) expect(finding.remediation).not.toContain('--server-id');
  });

  it('a 530 without the IdP test: both credential causes suggest running it with --server-id', () => {
    const findings = failedAt('login', 'failed', { replyCode: 530, passReplyMs: 30 });
    expect(findings.find((f) => f.id === 'CFTP-PROBE-007')!.remediation).toContain('--server-id');
    expect(findings.find((f) => f.id === 'CFTP-PROBE-008')!.remediation).toMatch(/^Run with --server-id/);
  });

  const statuses = fc.constantFrom<StepStatus>('ok', 'failed', 'timed-out', 'skipped');
  const evidence = fc.record(
    {
      error: fc.constantFrom(
        ...[
          'DeadlineError',
          'MalformedReplyError',
          'ConnectionClosedError',
          'UnexpectedReplyError',
          'CertificateRejectedError',
          'IdentityProviderDeniedError',
          'AccessDeniedException',
        ].map((name) => ({ name, message: 'm' })),
        { name: 'Error', code: 'ECONNREFUSED', message: 'm' },
        { name: 'Error', code: 'EHOSTUNREACH', message: 'm' },
      ),
      replyCode: fc.constantFrom(530, 550, 450, 522, 425, 426, 500),
      passReplyMs: fc.nat(5000),
      phase: fc.constantFrom('reply', 'data-connect', 'before-150', 'after-150'),
      dataConnect: fc.constantFrom(refused('10.0.0.5'), dropped('10.0.0.5')),
      differsFromControlHost: fc.boolean(),
      addressKind: fc.constantFrom('private', 'public', 'unspecified'),
      controlHostWorks: fc.boolean(),
      insecure: fc.boolean(),
      tlsSessionReused: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  const reports = fc
    .uniqueArray(fc.constantFrom(...(Object.keys(STEPS) as StepName[])), { minLength: 1 })
    .chain((names) => fc.tuple(...names.map((name) => fc.tuple(fc.constant(name), statuses, evidence))))
    .map((steps) => steps.map(([name, status, facts]) => step(name, status, facts)));

  // A fixed seed (the same cases in every run) and a rotating one (new cases; fast-check prints it on failure).
  it.each([
    ['fixed', 20261201],
    ['rotating', Date.now() % 2 ** 31],
  ])(
    'property (%s seed %i): no report lists a cause twice, ranks run 1..n, with the IdP test given nothing says to run it',
    (_, seed) => {
      fc.assert(
        fc.property(reports, fc.boolean(), (steps, idpTest) => {
          const findings = run(steps, { idpTest });
          expect(new Set(ids(findings)).size).toBe(findings.length);
          expect(findings.map((f) => f.rank)).toEqual(findings.map((_, index) => index + 1));
          if (idpTest) {
            for (const finding of findings)
              expect(finding.remediation).not.toMatch(/run (the probe )?with --server-id/i);
          }
        }),
        { seed, numRuns: 500 },
      );
    },
  );
});
