// The identity provider: sample logins through the real Lambda handler, against a local secret store file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Decision, hashPassword } from '@closed-ftp/idp-core';
import { createHandler } from '@closed-ftp/idp-lambda';
import type { Step } from '../story.js';

const SERVER_ID = 's-0123456789abcdef0';
const ROLE = 'arn:aws:iam::123456789012:role/closed-ftp-user';

interface SampleLogin {
  what: string;
  event: { username: string; password?: string; protocol: 'FTP' | 'FTPS' | 'SFTP'; sourceIp: string };
  expect: 'allow' | 'deny';
}

const logins: SampleLogin[] = [
  {
    what: 'right password',
    event: { username: 'alice', password: 'correct horse', protocol: 'FTP', sourceIp: '10.20.1.15' },
    expect: 'allow',
  },
  {
    what: 'wrong password',
    event: { username: 'alice', password: 'battery staple', protocol: 'FTP', sourceIp: '10.20.1.15' },
    expect: 'deny',
  },
  {
    what: 'unknown user',
    event: { username: 'mallory', password: 'correct horse', protocol: 'FTP', sourceIp: '10.20.1.15' },
    expect: 'deny',
  },
  {
    what: 'hashed password, allowed network',
    event: { username: 'bob', password: 'Tr0ub4dor&3', protocol: 'FTPS', sourceIp: '10.20.7.9' },
    expect: 'allow',
  },
  {
    what: 'hashed password, disallowed source IP',
    event: { username: 'bob', password: 'Tr0ub4dor&3', protocol: 'FTPS', sourceIp: '192.0.2.44' },
    expect: 'deny',
  },
  {
    what: 'key login over FTP (no password)',
    event: { username: 'carol', password: '', protocol: 'FTP', sourceIp: '10.20.1.15' },
    expect: 'deny',
  },
];

export const step: Step = {
  title: 'Identity provider: who may log in, and what Transfer is told',
  async run(story) {
    const dir = await mkdtemp(join(tmpdir(), 'closed-ftp-idp-demo-'));
    try {
      // Secrets as Secrets Manager would hold them: alice in the official template's format, bob with our extensions.
      const users = {
        [`aws/transfer/${SERVER_ID}/alice`]: {
          Password: 'correct horse',
          Role: ROLE,
          HomeDirectoryDetails: '[{"Entry": "/", "Target": "/closed-ftp-demo/alice"}]',
        },
        [`aws/transfer/${SERVER_ID}/bob`]: {
          PasswordHash: await hashPassword('Tr0ub4dor&3'),
          Role: ROLE,
          HomeDirectory: '/closed-ftp-demo/bob',
          AllowedSourceCidrs: ['10.20.0.0/16'],
          AllowedProtocols: ['FTPS'],
        },
        [`aws/transfer/${SERVER_ID}/carol`]: {
          PublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemo carol',
          Role: ROLE,
        },
      };
      const userStoreFile = join(dir, 'users.json');
      await writeFile(userStoreFile, JSON.stringify(users, null, 2));
      story.line(`Local secret store (USER_STORE_FILE, for local use only): ${Object.keys(users).length} users`);

      let last: Decision | undefined;
      const handler = createHandler({
        env: { USER_STORE_FILE: userStoreFile, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
        onDecision: (decision) => {
          last = decision;
        },
      });

      for (const login of logins) {
        const started = performance.now();
        const response = await handler({ ...login.event, serverId: SERVER_ID });
        const ms = Math.round(performance.now() - started);
        const decision = last?.allowed ? 'allow' : 'deny';
        const text = `${login.event.username}, ${login.what} (${login.event.protocol} from ${login.event.sourceIp}): ${decision} [${last?.reason}] in ${ms} ms`;
        if (decision === login.expect) story.ok(text);
        else story.bad(`${text}; expected ${login.expect}`);
        story.line(`  Transfer receives: ${JSON.stringify(response)}`);
      }
      story.line('Wrong password and unknown user get the same {} in about the same time (both verify a hash).');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
