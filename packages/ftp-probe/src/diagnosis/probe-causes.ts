import { DOCS_BASE_URL, type Severity } from '@closed-ftp/rule-catalog';
import { dataAttempts, errorCode, errorName, type Seen } from './seen.js';
import { FAILURE_SYMPTOMS, WARNING_SYMPTOMS } from './symptoms.js';

/** A cause the probe can name that no network-check rule covers: it is observed on the wire, not configured. */
export interface ProbeCause {
  /** Stable id, `CFTP-PROBE-001`...; never reused for another meaning. */
  readonly id: ProbeCauseId;
  readonly title: string;
  readonly severity: Severity;
  /** When the probe names it: what it saw, one sentence per symptom (from the symptom table, so never stale). */
  readonly appliesWhen: readonly string[];
  /** What to change, in general; a report's finding may tailor it (`remediationFor`). */
  readonly remediation: string;
  /** Its section on the documentation site. */
  readonly docs: string;
  /** What the probe saw that points at this cause, in one or two sentences. */
  message(seen: Seen): string;
  /** The remediation for one report: it depends on what was seen and on the options given. */
  remediationFor(seen: Seen): string;
}

interface CauseText {
  title: string;
  severity: Severity;
  remediation: string;
  message(seen: Seen): string;
  remediationFor?(seen: Seen): string;
}

const IDP_TEST_HINT = "For the identity provider's own answer, run the probe with --server-id (TestIdentityProvider).";

/** Fixes for a TestIdentityProvider call that failed, by the SDK error's name. */
const IDP_CALL_FIXES: Record<string, string> = {
  AccessDeniedException: 'Give the caller transfer:TestIdentityProvider on the server ARN.',
  ResourceNotFoundException: 'Check --server-id and --region: no such server.',
  CredentialsProviderError: 'Provide AWS credentials (instance profile, AWS_PROFILE, or environment variables).',
};
const IDP_CALL_FALLBACK =
  'Check the Transfer API is reachable from here (a closed VPC needs a com.amazonaws.<region>.transfer interface endpoint) and retry.';

const TEXTS = {
  'CFTP-PROBE-001': {
    title: 'Host name does not resolve from the client',
    severity: 'error',
    message: ({ step }) => `The client cannot resolve the host (${errorCode(step) ?? step.status}).`,
    remediation:
      "Use the endpoint's regional vpce-...vpce.amazonaws.com name or its private IPs; private DNS of the server VPC does not resolve from a peered VPC.",
  },
  'CFTP-PROBE-002': {
    title: 'Nothing accepts connections on the control port',
    severity: 'error',
    message: () =>
      'The host answered with a reset: it is reachable, but nothing listens on that port (security groups drop, they do not refuse).',
    remediation:
      "Check the port, that the server is ONLINE, that FTP is among its protocols, and that the address is the endpoint's.",
  },
  'CFTP-PROBE-003': {
    title: 'No FTP greeting on the control port',
    severity: 'error',
    message: ({ step }) => `TCP connected but no 220 greeting came (${step.summary}).`,
    remediation:
      'Check that the port is an FTP endpoint; a reply 421 means the server is stopping or refusing sessions; a silent port can be a proxy or a load balancer without a target.',
  },
  'CFTP-PROBE-004': {
    title: 'Server does not offer explicit FTPS',
    severity: 'error',
    message: ({ step }) => `Explicit FTPS failed: ${step.summary}`,
    remediation:
      'Add FTPS to the server protocols with an ACM certificate, or probe with ftp:// if FTPS is not meant to be on.',
  },
  'CFTP-PROBE-005': {
    title: 'Server certificate is not trusted by the client',
    severity: 'error',
    message: ({ step }) => `The certificate was rejected: ${String(step.evidence.authorizationError)}.`,
    remediation:
      'Connect with the name on the certificate, or trust its CA with --ca <file> (ACM private CA: export the CA certificate).',
  },
  'CFTP-PROBE-006': {
    title: 'Certificate check was skipped (--insecure)',
    severity: 'warning',
    message: ({ step }) =>
      `The certificate was not verified (${String(step.evidence.authorizationError)}); a man in the middle would go unnoticed.`,
    remediation: 'Pass the CA that issued the certificate with --ca <file> and drop --insecure.',
  },
  'CFTP-PROBE-007': {
    title: 'Wrong user name or password',
    severity: 'error',
    message: () => 'The server answered 530: the user name or password is wrong.',
    remediation: `Check the user name and the secret's Password. ${IDP_TEST_HINT}`,
    remediationFor: ({ given }) =>
      `Check the user name and the secret's Password.${given.idpTest ? '' : ` ${IDP_TEST_HINT}`}`,
  },
  'CFTP-PROBE-008': {
    title: 'Identity provider denies the user',
    severity: 'error',
    message: ({ step }) =>
      step.step === 'idp'
        ? `TestIdentityProvider: ${String(step.evidence.message ?? 'denied')}${step.evidence.statusCode === undefined ? '' : ` (StatusCode ${String(step.evidence.statusCode)})`}.`
        : 'Or the identity provider denied the user: secret missing, no Role, server id or source IP not allowed, protocol not allowed.',
    remediation:
      'Run with --server-id to call TestIdentityProvider. "Lambda IDP authentication failure" means the Lambda returned no Role: wrong password, missing secret aws/transfer/<serverId>/<user>, secret without Role, or server id/source IP not allowed. Read the IdP logs.',
    remediationFor: ({ given }) =>
      `${given.idpTest ? '' : 'Run with --server-id to call TestIdentityProvider. '}"Lambda IDP authentication failure" means the Lambda returned no Role: wrong password, missing secret aws/transfer/<serverId>/<user>, secret without Role, or server id/source IP not allowed. Read the IdP logs.`,
  },
  'CFTP-PROBE-009': {
    title: 'Identity provider answers too slowly',
    severity: 'error',
    message: ({ step }) =>
      step.status === 'timed-out'
        ? 'The server did not answer PASS in time: Transfer waits for the identity provider.'
        : `The 530 came after ${String(step.evidence.passReplyMs)} ms: the identity provider probably timed out (a Lambda timeout denies the login).`,
    remediation:
      'Check the IdP Lambda duration and errors in CloudWatch; a VPC-attached Lambda needs a Secrets Manager endpoint; raise its timeout (3 s default) if Secrets Manager is slow.',
  },
  'CFTP-PROBE-010': {
    title: 'Server refuses this passive command',
    severity: 'error',
    message: ({ step }) => `${step.step.toUpperCase()} was refused (${step.summary}).`,
    remediation:
      'Enable passive mode on the server; Transfer Family supports both EPSV and PASV on ports 8192-8200. If only one of EPSV and PASV works, configure the clients to use that one.',
    remediationFor: ({ step, steps }) => {
      const other = steps.find((s) => s.step === (step.step === 'epsv' ? 'pasv' : 'epsv'));
      return other?.status === 'ok'
        ? `Configure the client to use ${other.step.toUpperCase()} (which works), or enable ${step.step.toUpperCase()} on the server.`
        : 'Enable passive mode on the server; Transfer Family supports both EPSV and PASV on ports 8192-8200.';
    },
  },
  'CFTP-PROBE-011': {
    title: 'Advertised passive port refuses connections',
    severity: 'error',
    message: ({ step }) =>
      `The data port was refused at ${dataAttempts(step)[0]?.host}: the host answers but nothing listens there.`,
    remediation:
      'Check PassiveIp (a NAT/NLB address must forward 8192-8200 to the endpoint) and that the server is ONLINE.',
  },
  'CFTP-PROBE-012': {
    title: 'Storage does not answer: the listing hangs before 150',
    severity: 'error',
    message: () =>
      'The data connection opened but the server never started the listing: it is waiting for its storage.',
    remediation:
      "Check the server can reach S3/EFS with the user's role: see the causes below, and the server's CloudWatch logs.",
  },
  'CFTP-PROBE-013': {
    title: 'Storage stalls after 150',
    severity: 'error',
    message: ({ step }) =>
      `The server sent 150, then ${step.evidence.bytesReceived ? `${String(step.evidence.bytesReceived)} bytes and ` : ''}nothing more.`,
    remediation:
      'Storage stopped answering mid-transfer: check S3/EFS access and throttling; a firewall cutting long flows could also do this.',
  },
  'CFTP-PROBE-014': {
    title: 'Home directory missing or not readable',
    severity: 'error',
    message: ({ step }) =>
      step.step === 'login'
        ? 'A HomeDirectory or HomeDirectoryDetails Target that is not /bucket/prefix shows up as an authentication failure.'
        : `The server could not list the home directory (${String(step.evidence.replyCode)}).`,
    remediation:
      'HomeDirectory must be /bucket/path (or HomeDirectoryDetails Target /bucket/prefix) and exist; the role must allow listing it.',
  },
  'CFTP-PROBE-015': {
    title: 'Write test failed',
    severity: 'error',
    message: ({ step }) => `The write test failed at ${String(step.evidence.stage)}: ${step.summary}`,
    remediation:
      "Allow s3:PutObject, s3:GetObject and s3:DeleteObject (or EFS write) for the user's role and session policy; the listing works, so the network is fine.",
  },
  'CFTP-PROBE-016': {
    title: 'Server broke the FTP protocol',
    severity: 'error',
    message: ({ step }) =>
      errorName(step) === 'ConnectionClosedError'
        ? `The server closed the connection during ${step.title}.`
        : `The server sent something the probe did not expect: ${step.summary}`,
    remediation:
      'Check that the port belongs to an FTP server (not SFTP on 22, not a proxy) and read the transcript; a server that closes sessions may be idle-timing out or overloaded: check its logs (CloudWatch for Transfer).',
  },
  'CFTP-PROBE-017': {
    title: 'Data connection did not resume the TLS session',
    severity: 'warning',
    message: ({ step }) =>
      step.evidence.replyCode === 522
        ? 'The server requires data connections to resume the control TLS session, and this one did not.'
        : 'The data connection negotiated a new TLS session instead of resuming the control one.',
    remediation:
      "Use a client that resumes TLS sessions (curl, lftp and FileZilla do), or set the server's TlsSessionResumptionMode to ENABLED: the default ENFORCED rejects clients that do not resume.",
  },
  'CFTP-PROBE-018': {
    title: 'TestIdentityProvider could not be called',
    severity: 'warning',
    message: ({ step }) =>
      `TestIdentityProvider failed: ${String(step.evidence.errorName ?? errorName(step))}: ${step.summary}`,
    remediation: `${Object.values(IDP_CALL_FIXES).join(' ')} ${IDP_CALL_FALLBACK}`,
    remediationFor: ({ step }) =>
      IDP_CALL_FIXES[String(step.evidence.errorName ?? errorName(step))] ?? IDP_CALL_FALLBACK,
  },
} as const satisfies Record<`CFTP-PROBE-${string}`, CauseText>;

export type ProbeCauseId = keyof typeof TEXTS;

/** The link to a probe cause's section on the documentation site. */
export function probeCauseDocsUrl(id: ProbeCauseId): string {
  return `${DOCS_BASE_URL}reference/probe-causes#${id.toLowerCase()}`;
}

function symptomsNaming(id: ProbeCauseId): string[] {
  return [...FAILURE_SYMPTOMS, ...WARNING_SYMPTOMS].filter((s) => s.causes.includes(id)).map((s) => s.seen);
}

/** Every cause the probe can name that no network-check rule covers, one record each, by id. */
export const PROBE_CAUSES: { readonly [K in ProbeCauseId]: ProbeCause & { readonly id: K } } = Object.fromEntries(
  Object.entries(TEXTS).map(([key, text]) => {
    const id = key as ProbeCauseId;
    const cause: ProbeCause = {
      id,
      title: text.title,
      severity: text.severity,
      appliesWhen: symptomsNaming(id),
      remediation: text.remediation,
      docs: probeCauseDocsUrl(id),
      message: text.message,
      remediationFor: 'remediationFor' in text ? text.remediationFor : () => text.remediation,
    };
    return [id, Object.freeze(cause)];
  }),
) as { readonly [K in ProbeCauseId]: ProbeCause & { readonly id: K } };
