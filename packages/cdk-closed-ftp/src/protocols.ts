/** A file transfer protocol a closed-VPC server can offer (SFTP is out of scope: it needs no passive ports). */
export type FtpProtocol = 'FTP' | 'FTPS';

/** How FTPS data connections must reuse the control connection's TLS session. */
export enum TlsSessionResumptionMode {
  DISABLED = 'DISABLED',
  ENABLED = 'ENABLED',
  /** The Transfer default: data connections must resume the control session (some clients cannot). */
  ENFORCED = 'ENFORCED',
}

/** Where user files live. */
export enum StorageDomain {
  S3 = 'S3',
  EFS = 'EFS',
}
