import { randomBytes, scryptSync } from 'node:crypto';

export const SERVER_ID = 's-0123456789abcdef0';
export const ROLE = 'arn:aws:iam::123456789012:role/transfer-user';
export const secretName = (username: string) => `aws/transfer/${SERVER_ID}/${username}`;

export function loginEvent(overrides: Record<string, unknown> = {}) {
  return {
    username: 'alice',
    password: 'correct horse',
    protocol: 'FTP',
    serverId: SERVER_ID,
    sourceIp: '10.1.2.3',
    ...overrides,
  };
}

/** A scrypt PHC string at a low cost, so tests stay quick. */
export function cheapScryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 16, r: 8, p: 1 });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=4,r=8,p=1$${b64(salt)}$${b64(key)}`;
}
