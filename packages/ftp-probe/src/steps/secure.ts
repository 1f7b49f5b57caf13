import { isIP } from 'node:net';
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import { CertificateRejectedError } from '../errors.js';
import { expectReply } from '../ftp/expect-reply.js';
import type { ProbeSession, StepContext } from '../session.js';

/** Step 4 (ftps:// only): AUTH TLS, certificate check, PBSZ 0, PROT P. */
export async function secureControl(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  const budget = () => session.deadline.budget(session.timeouts.reply);
  step.local = control.local;
  step.remote = control.remote;
  expectReply('AUTH TLS', await control.send('AUTH TLS', budget()), [234]);

  const { tls = {} } = session.options;
  const servername = tls.servername ?? (isIP(session.target.host) ? undefined : session.target.host);
  const options: ConnectionOptions = {
    // With a socket given, `host` is only used to check the certificate's names (IP SANs included).
    host: session.target.host,
    ...(servername ? { servername } : {}),
    ...(tls.ca ? { ca: tls.ca } : {}),
    // Checked by hand below so that an untrusted certificate is reported with its details.
    rejectUnauthorized: false,
  };
  const secure = await control.upgradeToTls(options, budget());
  const certificate = describeCertificate(secure.getPeerCertificate());
  step.evidence.certificate = certificate;
  step.evidence.tlsProtocol = secure.getProtocol();
  step.evidence.authorized = secure.authorized;
  if (!secure.authorized) {
    step.evidence.authorizationError = String(secure.authorizationError);
    if (!tls.insecure) {
      control.close();
      throw new CertificateRejectedError(String(secure.authorizationError), certificate.subject);
    }
    step.evidence.insecure = true;
    session.transcript.add('event', `certificate NOT verified (${secure.authorizationError}); continuing (insecure)`);
  }
  session.dataTls = { ...options, rejectUnauthorized: !tls.insecure, session: secure.getSession() };
  // TLS 1.3 sends session tickets after the handshake: resume the data connections with the latest one.
  secure.on('session', (ticket: Buffer) => {
    if (session.dataTls) session.dataTls.session = ticket;
  });
  expectReply('PBSZ', await control.send('PBSZ 0', budget()), [200]);
  expectReply('PROT', await control.send('PROT P', budget()), [200]);
  return `${secure.getProtocol()}, certificate ${secure.authorized ? 'trusted' : 'NOT VERIFIED (insecure)'}: ${certificate.subject}`;
}

function describeCertificate(cert: PeerCertificate) {
  const name = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : (value ?? '?'));
  return {
    subject: name(cert.subject?.CN),
    issuer: name(cert.issuer?.CN),
    subjectAltName: cert.subjectaltname,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
  };
}
