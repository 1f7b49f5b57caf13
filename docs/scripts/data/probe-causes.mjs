// Background for each ftp-probe cause, shown after what ftp-probe itself says (its PROBE_CAUSES: title, severity,
// when it is named, the fix). Needed only for a cause without a remediation there; a text naming a cause ftp-probe
// no longer has fails the build.

/** @type {Record<string, string>} */
export const PROBE_CAUSE_TEXTS = {
  'CFTP-PROBE-001':
    "Use the endpoint's regional `vpce-...vpce.amazonaws.com` name or its private IPs: a private hosted zone of the server VPC does not resolve from a peered VPC unless associated.",
  'CFTP-PROBE-002':
    "The host answered with a TCP reset: the path works, but nothing listens. Security groups and NACLs drop, they do not refuse. Check the port, that the server is `ONLINE`, that `FTP`/`FTPS` is among its protocols, and that the address is the endpoint's.",
  'CFTP-PROBE-003':
    'TCP connected but no `220` came: a `421` means the server is stopping or refusing sessions; silence can be a load balancer without healthy targets, or asymmetric routing.',
  'CFTP-PROBE-004':
    "`AUTH TLS` was refused or the handshake failed. Add `FTPS` to the server's protocols with an ACM certificate, or probe with `ftp://`.",
  'CFTP-PROBE-005':
    'Connect with a name on the certificate, or trust its CA with `--ca <file>` (for ACM Private CA, export the CA certificate).',
  'CFTP-PROBE-006':
    'The session worked, but a man in the middle would not have been noticed. Pass the CA with `--ca` instead.',
  'CFTP-PROBE-007':
    "The server answered `530`. Check the user name and the secret's `Password` (or `PasswordHash`); run with `--server-id` to see the identity provider's own answer.",
  'CFTP-PROBE-008':
    "`Lambda IDP authentication failure` from `TestIdentityProvider` means the Lambda returned no `Role`: wrong password, no secret `aws/transfer/<serverId>/<user>`, a secret without `Role`, server id or source IP not allowed, protocol not allowed. Read the IdP's logs.",
  'CFTP-PROBE-009':
    'The PASS reply timed out, or the `530` came only after 2.5 s or more: Transfer denies a login when the Lambda times out. A VPC-attached Lambda needs a Secrets Manager interface endpoint; raise the Lambda timeout from the 3 s default.',
  'CFTP-PROBE-010':
    '`EPSV` or `PASV` was answered with an error. Use the mode that works, or enable it on the server (Transfer Family supports both).',
  'CFTP-PROBE-011':
    'The host answers but nothing listens there: a `PassiveIp` that points at a NAT or load balancer not forwarding 8192-8200, or a server that is not `ONLINE`.',
  'CFTP-PROBE-012':
    "The data connection opened but the server never started the listing: it is waiting for S3/EFS through the user's role. See `CFTP-NET-017` (STS endpoint, per the source article), `CFTP-NET-025` (role trust and permissions), `CFTP-NET-024` (endpoint policies).",
  'CFTP-PROBE-013':
    'The server started the transfer and then stopped sending. Check S3/EFS access and throttling; a firewall cutting long-lived flows can also do this.',
  'CFTP-PROBE-014':
    '`550`/`450` to the listing: `HomeDirectory` must be `/bucket/path` (or a `LOGICAL` mapping whose `Target` exists), and the role must allow listing it.',
  'CFTP-PROBE-015':
    'The listing works (so does the network); the role or session policy does not allow `s3:PutObject`/`GetObject`/`DeleteObject` (or EFS writes), or the file read back differed.',
  'CFTP-PROBE-016':
    'A line that is not an FTP reply, an unexpected code, or a closed connection. Check that the port belongs to an FTP server (not SFTP on 22, not an HTTP proxy) and read the transcript.',
  'CFTP-PROBE-017':
    "Transfer's default `TlsSessionResumptionMode` `ENFORCED` rejects data connections that do not resume the control connection's TLS session (`522`). ftp-probe resumes it (including TLS 1.3 tickets); for clients that cannot, set the mode to `ENABLED`.",
  'CFTP-PROBE-018':
    '`AccessDeniedException`: allow `transfer:TestIdentityProvider` on the server ARN. `ResourceNotFoundException`: check `--server-id` and `--region`. No credentials: use an instance profile, `AWS_PROFILE` or environment variables. A time-out from a closed VPC: add a `com.amazonaws.<region>.transfer` interface endpoint, or run the IdP test from elsewhere.',
};
