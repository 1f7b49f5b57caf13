import { RULES, type RuleId, ruleDocsUrl } from '@closed-ftp/network-check/catalog';
import type { ProbeFinding, ProbeReport, StepResult } from '../report.js';
import { PROBE_CAUSES, type ProbeCauseId, probeCauseDocsUrl } from './probe-causes.js';

/** A 530 slower than this is more likely an IdP timeout than a wrong password. */
const SLOW_LOGIN_MS = 2500;

type Cause = { id: RuleId | ProbeCauseId; message: string; remediation: string };

const SG_21: Cause = {
  id: 'CFTP-NET-005',
  message: 'TCP to port 21 got no answer at all: packets are dropped, which is what a security group does.',
  remediation:
    "Allow inbound TCP 21 from the client's CIDR (or security group) on the Transfer endpoint's security group.",
};
const DEFAULT_SG: Cause = {
  id: 'CFTP-NET-007',
  message:
    "Without an explicit security group the endpoint gets the VPC's default one, which admits only its own members.",
  remediation:
    'Attach a dedicated security group to the server endpoint (SecurityGroupIds) admitting 21 and 8192-8200 from the clients.',
};
const CLIENT_EGRESS: Cause = {
  id: 'CFTP-NET-008',
  message: "The client's own security group may not allow the traffic out.",
  remediation: "Allow outbound TCP 21 and 8192-8200 to the endpoint in the client's security group.",
};
const NACL_SERVER: Cause = {
  id: 'CFTP-NET-014',
  message:
    'A network ACL on the endpoint subnets may drop the traffic (NACLs are stateless: return traffic needs a rule too).',
  remediation:
    'Endpoint subnet NACLs: inbound 21 and 8192-8200 from the client CIDR, outbound 1024-65535 to it; no lower-numbered DENY.',
};
const NACL_CLIENT: Cause = {
  id: 'CFTP-NET-015',
  message: 'A network ACL on the client subnet may drop the traffic.',
  remediation: 'Client subnet NACLs: outbound 21 and 8192-8200 to the endpoint, inbound 1024-65535 from it.',
};
const ROUTE_OUT: Cause = {
  id: 'CFTP-NET-011',
  message: 'The client subnet may have no route to the endpoint subnets through the peering connection.',
  remediation:
    "Add a route for the endpoint VPC's CIDR via the pcx-... to every client subnet's route table (or the main table).",
};
const ROUTE_BACK: Cause = {
  id: 'CFTP-NET-012',
  message: 'The endpoint subnets may have no route back to the client.',
  remediation: "Add a route for the client CIDR via the pcx-... to every endpoint subnet's route table.",
};
const PEERING: Cause = {
  id: 'CFTP-NET-009',
  message: 'The VPC peering connection may not be active (pending acceptance, deleted).',
  remediation: 'Accept the peering connection and check it is `active` in both accounts/Regions.',
};

/** A ranked list of likely causes for the first failing step, plus warnings seen in steps that passed. */
export function diagnose(report: Pick<ProbeReport, 'steps' | 'firstFailure'>): ProbeFinding[] {
  const causes: Array<{ cause: Cause; step: StepResult }> = [];
  const add = (step: StepResult, ...list: Cause[]) => {
    for (const cause of list) causes.push({ cause, step });
  };
  const first = report.steps.find((s) => s.step === report.firstFailure?.step);
  if (first) add(first, ...causesOf(first, report));
  for (const step of report.steps) {
    if (step.step === 'tls' && step.evidence.insecure) {
      add(step, {
        id: 'CFTP-PROBE-006',
        message: `The certificate was not verified (${step.evidence.authorizationError}); a man in the middle would go unnoticed.`,
        remediation: 'Pass the CA that issued the certificate with --ca <file> and drop --insecure.',
      });
    }
    if (step.step === 'list' && step.evidence.tlsSessionReused === false) {
      add(step, {
        id: 'CFTP-PROBE-017',
        message: 'The data connection negotiated a new TLS session instead of resuming the control one.',
        remediation:
          "Transfer's default TlsSessionResumptionMode ENFORCED rejects such clients: use a client that resumes sessions, or set the mode to ENABLED.",
      });
    }
    if (step.step === 'idp' && step !== first && step.status !== 'ok' && step.status !== 'skipped')
      add(step, ...idpCauses(step));
  }
  return causes.map(({ cause, step }, index) => {
    const info = cause.id in RULES ? RULES[cause.id as RuleId] : PROBE_CAUSES[cause.id as ProbeCauseId];
    return {
      id: cause.id,
      rank: index + 1,
      severity: info.severity,
      title: info.title,
      resource: `step ${step.step}`,
      message: cause.message,
      evidence: { step: step.step, status: step.status, summary: step.summary, ...step.evidence },
      remediation: cause.remediation,
      docs: cause.id in RULES ? ruleDocsUrl(cause.id as RuleId) : probeCauseDocsUrl(cause.id as ProbeCauseId),
    };
  });
}

function errorCode(step: StepResult): string | undefined {
  return (step.evidence.error as { code?: string; name?: string } | undefined)?.code;
}

function errorName(step: StepResult): string | undefined {
  return (step.evidence.error as { name?: string } | undefined)?.name;
}

function causesOf(step: StepResult, report: Pick<ProbeReport, 'steps'>): Cause[] {
  const protocolError: Cause = {
    id: 'CFTP-PROBE-016',
    message: `The server sent something the probe did not expect: ${step.summary}`,
    remediation: 'Check that the port belongs to an FTP server (not SFTP on 22, not a proxy), and read the transcript.',
  };
  if (errorName(step) === 'MalformedReplyError') return [protocolError];
  if (errorName(step) === 'ConnectionClosedError') {
    return [
      {
        id: 'CFTP-PROBE-016',
        message: `The server closed the connection during ${step.title}.`,
        remediation:
          'Check the server logs (CloudWatch for Transfer); an idle or overloaded server, or a proxy, can do this.',
      },
    ];
  }
  switch (step.step) {
    case 'dns':
      return [
        {
          id: 'CFTP-PROBE-001',
          message: `The client cannot resolve the host (${errorCode(step) ?? step.status}).`,
          remediation:
            "Use the endpoint's regional vpce-...vpce.amazonaws.com name or its private IPs; private DNS of the server VPC does not resolve from a peered VPC.",
        },
        {
          id: 'CFTP-NET-020',
          message: 'The client VPC may have DNS support turned off.',
          remediation: 'Enable enableDnsSupport (and enableDnsHostnames) on the client VPC.',
        },
      ];
    case 'tcp': {
      const code = errorCode(step);
      if (code === 'ECONNREFUSED') {
        return [
          {
            id: 'CFTP-PROBE-002',
            message:
              'The host answered with a reset: it is reachable, but nothing listens on that port (security groups drop, they do not refuse).',
            remediation:
              "Check the port, that the server is ONLINE, that FTP is among its protocols, and that the address is the endpoint's.",
          },
        ];
      }
      if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return [ROUTE_OUT, PEERING, ROUTE_BACK];
      return [SG_21, DEFAULT_SG, CLIENT_EGRESS, NACL_SERVER, NACL_CLIENT, ROUTE_OUT, ROUTE_BACK, PEERING];
    }
    case 'banner':
      return [
        {
          id: 'CFTP-PROBE-003',
          message: `TCP connected but no 220 greeting came (${step.summary}).`,
          remediation:
            'Check that the port is an FTP endpoint; a reply 421 means the server is stopping or refusing sessions; a silent port can be a proxy or a load balancer without a target.',
        },
        { ...ROUTE_BACK, message: 'Replies may not find their way back to the client (asymmetric routing).' },
      ];
    case 'tls': {
      if (errorName(step) === 'CertificateRejectedError') {
        return [
          {
            id: 'CFTP-PROBE-005',
            message: `The certificate was rejected: ${step.evidence.authorizationError}.`,
            remediation:
              'Connect with the name on the certificate, or trust its CA with --ca <file> (ACM private CA: export the CA certificate).',
          },
        ];
      }
      return [
        {
          id: 'CFTP-PROBE-004',
          message: `Explicit FTPS failed: ${step.summary}`,
          remediation:
            'Add FTPS to the server protocols with an ACM certificate, or probe with ftp:// if FTPS is not meant to be on.',
        },
        {
          id: 'CFTP-NET-004',
          message: 'FTPS needs an ACM certificate on the server.',
          remediation: 'Set the server Certificate to an ACM certificate ARN.',
        },
      ];
    }
    case 'login': {
      if (step.status === 'timed-out') {
        return [
          {
            id: 'CFTP-PROBE-009',
            message: 'The server did not answer PASS in time: Transfer waits for the identity provider.',
            remediation:
              'Check the IdP Lambda duration and errors in CloudWatch; raise its timeout (3 s default) if Secrets Manager is slow.',
          },
          {
            id: 'CFTP-NET-023',
            message: 'A VPC-attached IdP Lambda without a Secrets Manager endpoint hangs until its timeout.',
            remediation:
              'Add a Secrets Manager interface endpoint (private DNS on, 443 from the Lambda security group), or run the Lambda outside the VPC.',
          },
          {
            id: 'CFTP-NET-022',
            message: 'The Lambda timeout may be too short for Secrets Manager.',
            remediation: 'Raise the IdP Lambda timeout to about 10-15 s.',
          },
        ];
      }
      if (step.evidence.replyCode === 530) {
        const slow: Cause[] =
          Number(step.evidence.passReplyMs) >= SLOW_LOGIN_MS
            ? [
                {
                  id: 'CFTP-PROBE-009',
                  message: `The 530 came after ${step.evidence.passReplyMs} ms: the identity provider probably timed out (a Lambda timeout denies the login).`,
                  remediation:
                    'Check the IdP Lambda duration and errors in CloudWatch; a VPC-attached Lambda needs a Secrets Manager endpoint; raise its timeout.',
                },
              ]
            : [];
        return [
          ...slow,
          {
            id: 'CFTP-PROBE-007',
            message: 'The server answered 530: the user name or password is wrong.',
            remediation:
              "Check the user name and the secret's Password; for the IdP's own answer run the probe with --server-id (TestIdentityProvider).",
          },
          {
            id: 'CFTP-PROBE-008',
            message:
              'Or the identity provider denied the user: secret missing, no Role, server id or source IP not allowed, protocol not allowed.',
            remediation:
              'Run with --server-id to call TestIdentityProvider; check the secret aws/transfer/<serverId>/<user> and the IdP logs.',
          },
          {
            id: 'CFTP-NET-021',
            message: 'Transfer may not be allowed to invoke the IdP Lambda (every login is then denied).',
            remediation:
              "Give the Lambda a resource policy for transfer.amazonaws.com with AWS:SourceArn set to this server's ARN.",
          },
        ];
      }
      return [protocolError];
    }
    case 'session':
      return [protocolError];
    case 'epsv':
    case 'pasv':
      return passiveCauses(step, report);
    case 'list':
    case 'write':
      return transferCauses(step);
    case 'idp':
      return idpCauses(step);
  }
}

function passiveCauses(step: StepResult, report: Pick<ProbeReport, 'steps'>): Cause[] {
  const other = report.steps.find((s) => s.step === (step.step === 'epsv' ? 'pasv' : 'epsv'));
  const command = step.step.toUpperCase();
  if (step.evidence.phase === 'reply') {
    return [
      {
        id: 'CFTP-PROBE-010',
        message: `${command} was refused (${step.summary}).`,
        remediation:
          other?.status === 'ok'
            ? `Configure the client to use ${other.step.toUpperCase()} (which works), or enable ${command} on the server.`
            : 'Enable passive mode on the server; Transfer Family supports both EPSV and PASV on ports 8192-8200.',
      },
    ];
  }
  const attempts = (step.evidence.dataConnect as Array<{ result: string; host: string }> | undefined) ?? [];
  const advertised = attempts[0];
  const pasvUnroutable =
    step.step === 'pasv' &&
    step.evidence.differsFromControlHost === true &&
    step.evidence.addressKind !== 'unspecified';
  if (pasvUnroutable && step.evidence.controlHostWorks) {
    return [
      {
        id: 'CFTP-NET-016',
        message: `PASV advertised ${step.evidence.advertisedHost} (${step.evidence.addressKind}), which the client cannot reach, while the control host ${step.evidence.controlHost} works.`,
        remediation:
          "Set the server's PassiveIp to AUTO or 0.0.0.0 (or to an address clients reach), or make clients ignore the PASV address (lftp ftp:fix-pasv-address, curl --ftp-skip-pasv-ip); EPSV avoids the issue.",
      },
    ];
  }
  if (advertised?.result === 'refused') {
    return [
      {
        id: 'CFTP-PROBE-011',
        message: `The data port was refused at ${advertised.host}: the host answers but nothing listens there.`,
        remediation:
          'Check PassiveIp (a NAT/NLB address must forward 8192-8200 to the endpoint) and that the server is ONLINE.',
      },
      {
        id: 'CFTP-NET-006',
        message: 'A firewall that rejects instead of dropping could also do this.',
        remediation: 'Allow inbound TCP 8192-8200 from the clients on the endpoint security group.',
      },
    ];
  }
  const sg: Cause = {
    id: 'CFTP-NET-006',
    message:
      'The control port works but the data port got no answer: TCP 8192-8200 is dropped, typically by the endpoint security group.',
    remediation:
      "Allow inbound TCP 8192-8200 from the client's CIDR (or security group) on the endpoint's security group.",
  };
  const list: Cause[] = [sg, { ...CLIENT_EGRESS }, { ...NACL_SERVER }, { ...NACL_CLIENT }];
  if (pasvUnroutable) {
    list.unshift({
      id: 'CFTP-NET-016',
      message: `PASV advertised ${step.evidence.advertisedHost} (${step.evidence.addressKind}), not the control host ${step.evidence.controlHost}.`,
      remediation: 'Set PassiveIp to AUTO or 0.0.0.0, or to an address routed from the client.',
    });
    list.push({
      ...ROUTE_OUT,
      message:
        'With PassiveIp AUTO the reply may name any endpoint IP: every endpoint subnet must be routed from the client.',
    });
  }
  return list;
}

function transferCauses(step: StepResult): Cause[] {
  const code = step.evidence.replyCode;
  const role: Cause = {
    id: 'CFTP-NET-025',
    message:
      "The session role may not trust transfer.amazonaws.com, or may not allow the user's bucket or file system.",
    remediation:
      'Trust transfer.amazonaws.com in the role; allow s3:ListBucket on the bucket and s3:GetObject/PutObject on the prefix (check bucket policy and KMS key too).',
  };
  const bucketPolicy: Cause = {
    id: 'CFTP-NET-029',
    message:
      'A bucket policy may deny the session role, e.g. a Deny for requests that do not come through a VPC endpoint.',
    remediation:
      "Exempt the user's role from the bucket policy's Deny statements, or scope them so Transfer's requests do not match.",
  };
  const sts: Cause = {
    id: 'CFTP-NET-017',
    message:
      'The source article reports that in a closed VPC `ls` hangs until the server VPC has an STS interface endpoint.',
    remediation:
      'Add com.amazonaws.<region>.sts as an interface endpoint in the server VPC (private DNS on, 443 allowed, policy allowing sts:AssumeRole).',
  };
  const endpointPolicy: Cause = {
    id: 'CFTP-NET-024',
    message: 'An endpoint policy on an S3 (or STS) VPC endpoint may deny the session.',
    remediation: 'Allow the session role in the S3 gateway/interface endpoint policy and the STS endpoint policy.',
  };
  // Access denied points at permissions first; a hang at reachability (STS, endpoint policies) first.
  const storage = [role, bucketPolicy, sts, endpointPolicy];
  if (step.step === 'write' && step.status === 'failed') {
    return [
      {
        id: 'CFTP-PROBE-015',
        message: `The write test failed at ${step.evidence.stage}: ${step.summary}`,
        remediation:
          "Allow s3:PutObject, s3:GetObject and s3:DeleteObject (or EFS write) for the user's role and session policy; the listing works, so the network is fine.",
      },
      role,
    ];
  }
  if (code === 550 || code === 450) {
    return [
      {
        id: 'CFTP-PROBE-014',
        message: `The server could not list the home directory (${code}).`,
        remediation:
          'HomeDirectory must be /bucket/path (or HomeDirectoryDetails Target /bucket/prefix) and exist; the role must allow listing it.',
      },
      ...storage,
    ];
  }
  if (code === 522) {
    return [
      {
        id: 'CFTP-PROBE-017',
        message: 'The server requires data connections to resume the control TLS session, and this one did not.',
        remediation:
          "Use a client that resumes TLS sessions (curl and FileZilla do), or set the server's TlsSessionResumptionMode to ENABLED.",
      },
      {
        id: 'CFTP-NET-026',
        message: 'TlsSessionResumptionMode ENFORCED rejects clients that do not resume.',
        remediation: 'Choose ENABLED when some clients cannot resume sessions.',
      },
    ];
  }
  if (code === 425 || code === 426) {
    return [
      {
        id: 'CFTP-NET-006',
        message: `The server could not use the data connection (${code}).`,
        remediation: 'Allow inbound TCP 8192-8200 from the clients on the endpoint security group and NACLs.',
      },
    ];
  }
  if (step.evidence.phase === 'before-150') {
    return [
      {
        id: 'CFTP-PROBE-012',
        message: 'The data connection opened but the server never started the listing: it is waiting for its storage.',
        remediation:
          "Check the server can reach S3/EFS with the user's role: see the causes below, and the server's CloudWatch logs.",
      },
      sts,
      role,
      endpointPolicy,
    ];
  }
  if (step.evidence.phase === 'after-150') {
    return [
      {
        id: 'CFTP-PROBE-013',
        message: `The server sent 150, then ${step.evidence.bytesReceived ? `${step.evidence.bytesReceived} bytes and ` : ''}nothing more.`,
        remediation:
          'Storage stopped answering mid-transfer: check S3/EFS access and throttling; a firewall cutting long flows could also do this.',
      },
      ...storage,
    ];
  }
  return [
    {
      id: 'CFTP-PROBE-016',
      message: `The transfer failed: ${step.summary}`,
      remediation: 'Read the transcript for the server reply.',
    },
  ];
}

function idpCauses(step: StepResult): Cause[] {
  if (errorName(step) === 'IdentityProviderDeniedError') {
    return [
      {
        id: 'CFTP-PROBE-008',
        message: `TestIdentityProvider: ${String(step.evidence.message ?? 'denied')} (StatusCode ${String(step.evidence.statusCode)}).`,
        remediation:
          '"Lambda IDP authentication failure" means the Lambda returned no Role: wrong password, missing secret aws/transfer/<serverId>/<user>, secret without Role, or server id/source IP not allowed. Read the IdP logs.',
      },
    ];
  }
  const name = String(step.evidence.errorName ?? errorName(step));
  const remediation =
    name === 'AccessDeniedException'
      ? 'Give the caller transfer:TestIdentityProvider on the server ARN.'
      : name === 'ResourceNotFoundException'
        ? 'Check --server-id and --region: no such server.'
        : name === 'CredentialsProviderError'
          ? 'Provide AWS credentials (instance profile, AWS_PROFILE, or environment variables).'
          : 'Check the Transfer API is reachable from here (a closed VPC needs a com.amazonaws.<region>.transfer interface endpoint) and retry.';
  return [{ id: 'CFTP-PROBE-018', message: `TestIdentityProvider failed: ${name}: ${step.summary}`, remediation }];
}
