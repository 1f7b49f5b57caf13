import { generate } from 'selfsigned';

/** A throw-away certificate for local FTPS, valid for localhost and loopback addresses. */
export async function generateSelfSignedCertificate(host: string): Promise<{ cert: string; key: string }> {
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== '127.0.0.1' && host !== '0.0.0.0')
    altNames.push({ type: 7, ip: host });
  const pems = await generate([{ name: 'commonName', value: 'closed-ftp transfer-emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
