import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TestIdentityProviderCommand, TransferClient } from '@aws-sdk/client-transfer';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { type ProbeEvent, type ProbeOptions, probe } from '../../src/index.js';
import { startTestEmulator, USER } from '../support/emulator.js';
import { FakeMisbehavingFtpServer } from '../support/fake-misbehaving-ftp-server.js';

// Quotes and backslashes change under JSON escaping: check the raw and the escaped forms.
const PASSWORDS = ['Plain-Passw0rd-1234', 'q"uo\\te$.*[x]'];
const forms = (password: string) => [password, JSON.stringify(password).slice(1, -1)];
const fast: ProbeOptions['stepTimeouts'] = { reply: 800, login: 800, dataConnect: 600, transfer: 800, idp: 800 };

function expectClean(text: string, password: string) {
  for (const form of forms(password)) expect(text).not.toContain(form);
}

type Scenario = {
  name: string;
  run: (password: string) => Promise<{ url: string; stop: () => Promise<void>; options?: Partial<ProbeOptions> }>;
};

const scenarios: Scenario[] = [
  {
    name: 'connection refused',
    run: async () => ({ url: `ftp://${USER}@127.0.0.1:1`, stop: async () => {} }),
  },
  ...(['echo-password', 'garbage-banner', 'close-mid-transfer', 'silent-after-banner'] as const).map((behaviour) => ({
    name: `misbehaving server: ${behaviour}`,
    run: async () => {
      const server = await FakeMisbehavingFtpServer.start(behaviour);
      return { url: `ftp://${USER}@127.0.0.1:${server.port}`, stop: () => server.close() };
    },
  })),
  ...(['storage-unreachable', 'data-ports-blocked', 'idp-error'] as const).map((fault) => ({
    name: `emulator fault: ${fault}`,
    run: async () => {
      const emulator = await startTestEmulator([fault]);
      return { url: `ftp://${USER}@127.0.0.1:${emulator.port}`, stop: emulator.stop, options: { write: true } };
    },
  })),
  {
    name: 'FTPS certificate rejected',
    run: async () => {
      const emulator = await startTestEmulator([], { ftps: true });
      return { url: `ftps://${USER}@127.0.0.1:${emulator.port}`, stop: emulator.stop };
    },
  },
  {
    name: 'IdP test echoing the password in its message',
    run: async (password) => {
      const client = new TransferClient({ region: 'us-east-1' });
      mockClient(client)
        .on(TestIdentityProviderCommand)
        .resolves({ StatusCode: 200, Response: '{}', Message: `bad password ${password}` });
      const emulator = await startTestEmulator();
      return {
        url: `ftp://${USER}@127.0.0.1:${emulator.port}`,
        stop: emulator.stop,
        options: { idpTest: { serverId: 's-0123456789abcdef0', client } },
      };
    },
  },
];

describe('the password never appears in the report, the progress events or the CLI output', () => {
  for (const password of PASSWORDS) {
    it.each(scenarios.map((s) => [s.name, s] as const))(
      `library, %s (${JSON.stringify(password)})`,
      async (_, scenario) => {
        const { url, stop, options } = await scenario.run(password);
        try {
          const events: ProbeEvent[] = [];
          const report = await probe(url, {
            password,
            timeoutMs: 4000,
            stepTimeouts: fast,
            onStep: (event) => events.push(event),
            ...options,
          });
          expect(report.verdict).not.toBe('healthy');
          expectClean(JSON.stringify(report), password);
          expectClean(JSON.stringify(events), password);
        } finally {
          await stop();
        }
      },
    );
  }

  it.each([['--json'], []])('CLI %j against a server quoting the password back', async (...flags) => {
    const server = await FakeMisbehavingFtpServer.start('echo-password');
    try {
      const password = PASSWORDS[1]!;
      const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
      const child = spawn(process.execPath, [
        cli,
        `ftp://${USER}@127.0.0.1:${server.port}`,
        '--password-stdin',
        ...flags,
      ]);
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.stdin.end(`${password}\n`);
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(output).toContain('****');
      expectClean(output, password);
    } finally {
      await server.close();
    }
  });
});
