// transfer-emulator: a Transfer Family endpoint on this machine, calling the real IdP Lambda handler.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHandler } from '@closed-ftp/idp-lambda';
import { PortInUseError, type RunningEmulator, startEmulator } from '@closed-ftp/transfer-emulator';
import { Client, FTPError } from 'basic-ftp';
import type { Step } from '../story.js';

const SERVER_ID = 's-0123456789abcdef0';
const USER = 'demo-user';
const PASSWORD = 'demo password, local only';
const ROLE = 'arn:aws:iam::123456789012:role/closed-ftp-user';

/** Port 0 for control and a random passive range, retried if taken: the demo never clashes with anything. */
async function startOnFreePorts(root: string, usersFile: string): Promise<RunningEmulator> {
  // The same handler Transfer would call, reading a local secret file instead of Secrets Manager.
  const idp = createHandler({
    env: { USER_STORE_FILE: usersFile, POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  });
  for (let attempt = 0; ; attempt++) {
    const from = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      return await startEmulator({ root, idp, serverId: SERVER_ID, port: 0, passivePorts: { from, to: from + 8 } });
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt > 20) throw error;
    }
  }
}

export const step: Step = {
  title: 'transfer-emulator: rehearse the endpoint on your laptop',
  async run(story) {
    const root = await mkdtemp(join(tmpdir(), 'closed-ftp-demo-emulator-'));
    const client = new Client(5000);
    let emulator: RunningEmulator | undefined;
    try {
      await mkdir(join(root, 'bucket', 'home', USER), { recursive: true });
      const usersFile = join(root, 'users.json');
      const secret = {
        Password: PASSWORD,
        Role: ROLE,
        HomeDirectoryDetails: JSON.stringify([{ Entry: '/', Target: `/bucket/home/${USER}` }]),
      };
      await writeFile(usersFile, JSON.stringify({ [`aws/transfer/${SERVER_ID}/${USER}`]: secret }));
      emulator = await startOnFreePorts(root, usersFile);
      const { from, to } = emulator.passivePorts;
      story.line(
        `$ USER_STORE_FILE=${usersFile} transfer-emulator --root ${root} --idp <idp-lambda>/dist/index.js --port 0 --passive-ports ${from}-${to}`,
      );
      story.ok(`listening on ftp://${emulator.host}:${emulator.port}, passive ports ${from}-${to}`);

      await client.access({ host: emulator.host, port: emulator.port, user: USER, password: PASSWORD });
      story.ok(`${USER} logged in (230): the idp-lambda handler returned a Role and a LOGICAL home`);
      await client.uploadFrom(Readable.from(['id,amount\n1,42\n']), 'invoice-0001.csv');
      const listing = await client.list();
      story.ok(`put invoice-0001.csv, then ls: ${listing.map((f) => `${f.name} (${f.size} B)`).join(', ')}`);
      story.line(`   stored at ${join(root, 'bucket', 'home', USER, 'invoice-0001.csv')}`);
      client.close();

      const intruder = new Client(5000);
      try {
        await intruder.access({ host: emulator.host, port: emulator.port, user: USER, password: 'guess' });
        story.bad('a wrong password was accepted');
      } catch (error) {
        if (!(error instanceof FTPError) || error.code !== 530) throw error;
        story.ok(`wrong password: ${error.message} (the handler answered {} and the emulator denied, like Transfer)`);
      } finally {
        intruder.close();
      }
    } finally {
      client.close();
      await emulator?.close();
      await rm(root, { recursive: true, force: true });
    }
  },
};
