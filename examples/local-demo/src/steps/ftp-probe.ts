// ftp-probe: prove the endpoint works, then watch it name the cause when storage or the data ports break.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probe } from '@closed-ftp/ftp-probe';
import { type FaultName, PortInUseError, startEmulator } from '@closed-ftp/transfer-emulator';
import type { Step, Story } from '../story.js';

const USER = 'alice';
const PASSWORD = 'correct horse';
const ROLE = 'arn:aws:iam::123456789012:role/closed-ftp-user';

// Short deadlines keep the demo fast; the CLI defaults are 5 s per data connection and 30 s in all.
const DEADLINES = { timeoutMs: 6000, stepTimeouts: { dataConnect: 1000, transfer: 1500 } };

async function startOnFreePorts(root: string, faults: FaultName[]) {
  for (let attempt = 0; ; attempt++) {
    const from = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      return await startEmulator({
        root,
        port: 0,
        passivePorts: { from, to: from + 2 },
        faults,
        idp: async (event) =>
          event.username === USER && event.password === PASSWORD
            ? { Role: ROLE, HomeDirectory: `/bucket/home/${USER}` }
            : {},
      });
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt > 20) throw error;
    }
  }
}

async function probeWith(story: Story, root: string, faults: FaultName[]) {
  const emulator = await startOnFreePorts(root, faults);
  try {
    story.line('');
    story.line(
      `$ ftp-probe ftp://${USER}@127.0.0.1:${emulator.port}   # emulator faults: ${faults.join(', ') || 'none'}`,
    );
    const report = await probe(`ftp://${USER}@127.0.0.1:${emulator.port}`, { password: PASSWORD, ...DEADLINES });
    for (const step of report.steps.filter((s) => s.status !== 'skipped')) {
      const line = `${step.title}: ${step.summary} (${step.durationMs} ms)`;
      if (step.status === 'ok') story.ok(line);
      else story.bad(`${line} [${step.status}]`);
    }
    if (report.verdict === 'healthy') {
      story.ok(`verdict HEALTHY in ${report.durationMs} ms`);
      return;
    }
    story.bad(
      `verdict ${report.verdict.toUpperCase()} at "${report.firstFailure?.step}" after ${report.durationMs} ms`,
    );
    for (const cause of report.causes.slice(0, 2)) {
      story.line(`${cause.rank}. [${cause.id}] ${cause.title}`);
      story.line(`   fix: ${cause.remediation}`);
    }
  } finally {
    await emulator.close();
  }
}

export const step: Step = {
  title: 'ftp-probe: does it work now, and if not, where does it break?',
  async run(story) {
    const root = await mkdtemp(join(tmpdir(), 'closed-ftp-demo-probe-'));
    try {
      await mkdir(join(root, 'bucket', 'home', USER), { recursive: true });
      await writeFile(join(root, 'bucket', 'home', USER, 'invoice-0001.csv'), 'id,amount\n1,42\n');
      await probeWith(story, root, []);
      await probeWith(story, root, ['storage-unreachable']);
      await probeWith(story, root, ['data-ports-blocked']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
