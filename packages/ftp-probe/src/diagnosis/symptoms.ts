import type { StepResult } from '../report.js';
import type { NetworkCauseId } from './network-causes.js';
import type { ProbeCauseId } from './probe-causes.js';
import { dataAttempts, errorCode, errorName, pasvNamesAnotherHost } from './seen.js';

/** A 530 slower than this is more likely an IdP timeout than a wrong password. */
export const SLOW_LOGIN_MS = 2500;

export type CauseId = ProbeCauseId | NetworkCauseId;

/** One way a step can fail, as the client sees it, and the causes that produce it, most likely first. */
export interface Symptom {
  id: string;
  /** What the probe saw, in words: the "when it applies" of each cause listed. */
  seen: string;
  /** Whether the step shows it; `steps` are every step of the probe (the IdP test may tell a 530 apart). */
  matches(step: StepResult, steps: readonly StepResult[]): boolean;
  causes: readonly CauseId[];
  /** Observed directly (TestIdentityProvider's own answer): ranks before causes inferred from a reply code. */
  direct?: boolean;
}

const passive = (step: StepResult) => step.step === 'epsv' || step.step === 'pasv';
const transfer = (step: StepResult) => step.step === 'list' || step.step === 'write';
const replyCode = (step: StepResult, ...codes: number[]) => codes.includes(step.evidence.replyCode as number);

/** Why the first failing step failed (and the IdP test, an independent check): the first match wins. */
export const FAILURE_SYMPTOMS: readonly Symptom[] = [
  {
    id: 'malformed-reply',
    seen: 'The server sent a line that is not an FTP reply (another protocol on the port, or binary noise).',
    matches: (step) => errorName(step) === 'MalformedReplyError',
    causes: ['CFTP-PROBE-016'],
  },
  {
    id: 'connection-closed',
    seen: 'The server closed the connection while the probe still expected a reply or data.',
    matches: (step) => errorName(step) === 'ConnectionClosedError',
    causes: ['CFTP-PROBE-016'],
  },
  {
    id: 'dns-failed',
    seen: 'The DNS lookup of the host fails or times out.',
    matches: (step) => step.step === 'dns',
    causes: ['CFTP-PROBE-001', 'CFTP-NET-020'],
  },
  {
    id: 'control-port-refused',
    seen: 'TCP to the control port is refused (a reset: the host answers, nothing listens).',
    matches: (step) => step.step === 'tcp' && errorCode(step) === 'ECONNREFUSED',
    causes: ['CFTP-PROBE-002'],
  },
  {
    id: 'control-port-unroutable',
    seen: 'TCP to the control port fails with "no route to host" or "network unreachable".',
    matches: (step) => step.step === 'tcp' && ['EHOSTUNREACH', 'ENETUNREACH'].includes(errorCode(step) ?? ''),
    causes: ['CFTP-NET-011', 'CFTP-NET-009', 'CFTP-NET-012'],
  },
  {
    id: 'control-port-dropped',
    seen: 'TCP to the control port gets no answer at all (the connect times out).',
    matches: (step) => step.step === 'tcp',
    causes: [
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
    id: 'no-greeting',
    seen: 'TCP to the control port connects but no 220 greeting arrives (silence, or a reply such as 421).',
    matches: (step) => step.step === 'banner',
    causes: ['CFTP-PROBE-003', 'CFTP-NET-012'],
  },
  {
    id: 'certificate-rejected',
    seen: "FTPS: the server's certificate is not trusted or names another host.",
    matches: (step) => step.step === 'tls' && errorName(step) === 'CertificateRejectedError',
    causes: ['CFTP-PROBE-005'],
  },
  {
    id: 'ftps-refused',
    seen: 'FTPS: AUTH TLS is refused, or the TLS handshake, PBSZ or PROT fails.',
    matches: (step) => step.step === 'tls',
    causes: ['CFTP-PROBE-004', 'CFTP-NET-004'],
  },
  {
    id: 'login-timed-out',
    seen: 'The server does not answer PASS within the login deadline.',
    matches: (step) => step.step === 'login' && step.status === 'timed-out',
    causes: ['CFTP-PROBE-009', 'CFTP-NET-023', 'CFTP-NET-022'],
  },
  {
    id: 'login-denied-idp-accepts',
    seen: 'The server answers PASS with 530, while TestIdentityProvider returns a Role for the same user and password.',
    matches: (step, steps) =>
      step.step === 'login' && replyCode(step, 530) && steps.some((s) => s.step === 'idp' && s.status === 'ok'),
    causes: ['CFTP-NET-025', 'CFTP-PROBE-014'],
  },
  {
    id: 'login-denied-slowly',
    seen: `The server answers PASS with 530 after ${SLOW_LOGIN_MS / 1000} s or more.`,
    matches: (step) =>
      step.step === 'login' && replyCode(step, 530) && Number(step.evidence.passReplyMs) >= SLOW_LOGIN_MS,
    causes: ['CFTP-PROBE-009', 'CFTP-PROBE-007', 'CFTP-PROBE-008', 'CFTP-NET-021', 'CFTP-NET-025'],
  },
  {
    id: 'login-denied',
    seen: 'The server answers PASS with 530.',
    matches: (step) => step.step === 'login' && replyCode(step, 530),
    // A role Transfer cannot assume denies the login too (Transfer user guide, troubleshooting), after the IdP answered.
    causes: ['CFTP-PROBE-007', 'CFTP-PROBE-008', 'CFTP-NET-021', 'CFTP-NET-025'],
  },
  {
    id: 'session-refused',
    seen: 'USER, PASS, PWD or TYPE I gets a reply code the step does not expect.',
    matches: (step) => step.step === 'login' || step.step === 'session',
    causes: ['CFTP-PROBE-016'],
  },
  {
    id: 'passive-command-refused',
    seen: 'The server refuses EPSV or PASV, or answers it with a reply the probe cannot parse.',
    matches: (step) => passive(step) && step.evidence.phase === 'reply',
    causes: ['CFTP-PROBE-010'],
  },
  {
    id: 'pasv-address-unroutable',
    seen: 'PASV names an address other than the control host, which the client cannot reach, while the same port on the control host works.',
    matches: (step) => pasvNamesAnotherHost(step) && step.evidence.controlHostWorks === true,
    causes: ['CFTP-NET-016'],
  },
  {
    id: 'data-port-refused',
    seen: 'The data connection to the advertised port is refused (the host answers, nothing listens there).',
    matches: (step) => passive(step) && dataAttempts(step)[0]?.result === 'refused',
    causes: ['CFTP-PROBE-011', 'CFTP-NET-006'],
  },
  {
    id: 'pasv-address-and-data-ports-unreachable',
    seen: 'PASV names an address other than the control host, and neither it nor the control host accepts the data connection.',
    matches: (step) => pasvNamesAnotherHost(step),
    causes: ['CFTP-NET-016', 'CFTP-NET-006', 'CFTP-NET-008', 'CFTP-NET-014', 'CFTP-NET-015', 'CFTP-NET-011'],
  },
  {
    id: 'data-port-dropped',
    seen: 'The login works but the data connection after EPSV or PASV gets no answer (dropped packets).',
    matches: passive,
    causes: ['CFTP-NET-006', 'CFTP-NET-008', 'CFTP-NET-014', 'CFTP-NET-015'],
  },
  {
    id: 'write-refused',
    seen: 'The listing works but the write test (STOR, RETR, checksum or DELE) is refused or reads back other bytes.',
    matches: (step) => step.step === 'write' && step.status === 'failed',
    causes: ['CFTP-PROBE-015', 'CFTP-NET-025'],
  },
  {
    id: 'home-refused',
    seen: 'The listing (or a write test transfer) is answered with 550 or 450.',
    matches: (step) => transfer(step) && replyCode(step, 550, 450),
    causes: ['CFTP-PROBE-014', 'CFTP-NET-025', 'CFTP-NET-029', 'CFTP-NET-017', 'CFTP-NET-024'],
  },
  {
    id: 'tls-resumption-required',
    seen: 'FTPS: a transfer is answered with 522 (the data connection must resume the TLS session).',
    matches: (step) => transfer(step) && replyCode(step, 522),
    causes: ['CFTP-PROBE-017', 'CFTP-NET-026'],
  },
  {
    id: 'data-connection-unusable',
    seen: 'A transfer is answered with 425 or 426: the server could not use the data connection.',
    matches: (step) => transfer(step) && replyCode(step, 425, 426),
    causes: ['CFTP-NET-006'],
  },
  {
    id: 'storage-silent',
    seen: 'The data connection opens but the server never sends 150 for the listing: it waits for its storage.',
    matches: (step) => transfer(step) && step.evidence.phase === 'before-150',
    causes: ['CFTP-PROBE-012', 'CFTP-NET-017', 'CFTP-NET-025', 'CFTP-NET-024'],
  },
  {
    id: 'storage-stalls',
    seen: 'The server sends 150, then the data or the 226 never comes.',
    matches: (step) => transfer(step) && step.evidence.phase === 'after-150',
    causes: ['CFTP-PROBE-013', 'CFTP-NET-025', 'CFTP-NET-029', 'CFTP-NET-017', 'CFTP-NET-024'],
  },
  {
    id: 'transfer-refused',
    seen: 'A transfer fails with a reply the probe does not expect.',
    matches: transfer,
    causes: ['CFTP-PROBE-016'],
  },
  {
    id: 'idp-denies',
    seen: 'TestIdentityProvider answers, and the identity provider returns no Role for the user.',
    matches: (step) => step.step === 'idp' && errorName(step) === 'IdentityProviderDeniedError',
    causes: ['CFTP-PROBE-008'],
    direct: true,
  },
  {
    id: 'idp-test-failed',
    seen: 'The TestIdentityProvider call itself fails (permissions, server id, credentials, network) or times out.',
    matches: (step) => step.step === 'idp',
    causes: ['CFTP-PROBE-018'],
  },
];

/** Findings about steps that passed: every match counts. */
export const WARNING_SYMPTOMS: readonly Symptom[] = [
  {
    id: 'certificate-not-verified',
    seen: 'FTPS with --insecure: the certificate was not verified.',
    matches: (step) => step.step === 'tls' && step.evidence.insecure === true,
    causes: ['CFTP-PROBE-006'],
  },
  {
    id: 'tls-session-not-resumed',
    seen: 'FTPS: the listing worked, but its data connection negotiated a new TLS session instead of resuming the control one.',
    matches: (step) => step.step === 'list' && step.evidence.tlsSessionReused === false,
    causes: ['CFTP-PROBE-017'],
  },
];
