// What each transfer-emulator fault rehearses and what a client then sees. The list of faults comes from the
// emulator's FAULT_NAMES at build time; the build fails when a fault has no text here or a text names no fault.

export const FAULT_TEXTS = {
  'storage-unreachable': {
    emulates:
      'the role cannot be assumed, or S3/EFS cannot be reached (what the article attributes to a missing STS endpoint)',
    sees: 'login works; `LIST`/`NLST`/`MLSD`/`RETR`/`STOR`/`STOU` get no reply at all (no `150`): curl exits 28, basic-ftp says `Timeout (control socket)`',
  },
  'storage-unreachable-after-150': {
    emulates: 'storage stalls mid-transfer',
    sees: '`150`, then no data and no `226`: curl exits 28 after printing `150`, basic-ftp times out',
  },
  'data-ports-blocked': {
    emulates: 'a security group or NACL dropping 8192-8200',
    sees: 'PASV/EPSV are answered; the data connection attempt times out (SYNs dropped, not refused): curl exits 28, basic-ftp says `Timeout when trying to open data connection`',
  },
  'passive-ip-unroutable': {
    emulates: '`PassiveIp` set to an address the client cannot route to',
    sees: '`PASV` names `192.0.2.1` (TEST-NET-1, never routed); a client that follows it times out. `EPSV` carries no address and works',
  },
  'idp-timeout': {
    emulates: 'the IdP Lambda cannot reach Secrets Manager',
    sees: '`530` after the IdP time limit (3 s by default)',
  },
  'idp-error': { emulates: 'the IdP Lambda throws', sees: '`530` at once' },
};

/**
 * The session the reply table is recorded from: each line is sent to a real emulator at build time and its reply
 * code and text are written down, so the table is what the emulator answers today.
 */
export const REPLY_SESSION = [
  { send: null, why: 'greeting on connect' },
  { send: 'USER alice', why: 'user name' },
  { send: 'PASS ****', why: 'password accepted by the IdP' },
  { send: 'SYST', why: 'system type' },
  { send: 'PWD', why: 'logical home' },
  { send: 'TYPE I', why: 'binary' },
  { send: 'TYPE A', why: 'accepted, data never converted' },
  { send: 'MODE S', why: 'stream mode only' },
  { send: 'STRU F', why: 'file structure only' },
  { send: 'PASV', why: 'passive, IPv4 address and port' },
  { send: 'EPSV', why: 'extended passive, port only' },
  { send: 'PORT 127,0,0,1,31,144', why: 'active mode: not supported by Transfer' },
  { send: 'EPRT |1|127.0.0.1|8080|', why: 'active mode: not supported by Transfer' },
  { send: 'APPE file.txt', why: 'not supported by Transfer' },
  { send: 'REST 100', why: 'not listed by Transfer' },
  { send: 'SITE CHMOD 644 file.txt', why: 'not listed by Transfer' },
  { send: 'SIZE missing.txt', why: 'a missing file' },
  { send: 'CWD /nowhere', why: 'a folder that does not exist' },
  { send: 'PROT P', why: 'without FTPS' },
  { send: 'NOOP', why: 'keep-alive' },
  { send: 'HELLO', why: 'not a command' },
  { send: 'QUIT', why: 'goodbye' },
];
