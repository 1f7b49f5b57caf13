// The rules' cost as the account grows (1x, 2x, 4x of a generated account: they must scale about linearly), the
// snapshot path, and the CLI end to end on the article assembly against bare Node start-up.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempDir, runProcess } from '@closed-ftp/test-support';
import { recordFigure } from '@closed-ftp/test-support/bench';
import { afterAll, bench, describe } from 'vitest';
import { checkTopology, parseSnapshot } from '../src/index.js';
import { ARTICLE_BEFORE_FIX } from '../src/samples.js';
import { articleApp } from '../tests/support/article-app.js';
import { CLI } from '../tests/support/cli.js';
import { generateAccount } from './generated-account.js';
import { generateHubAndSpoke, HUB_ATTACHMENTS, HUB_ROUTES } from './generated-hub-and-spoke.js';

const SCALES = [1, 2, 4] as const;
const accounts = SCALES.map(generateAccount);
const snapshots = accounts.map((account) => JSON.stringify(account));
const hub = generateHubAndSpoke();
const OPTIONS = { iterations: 9, warmupIterations: 2, time: 0 };

for (const [index, scale] of SCALES.entries()) {
  const account = accounts[index]!;
  const rules = account.securityGroups.reduce((sum, g) => sum + g.ingress.length + g.egress.length, 0);
  recordFigure({
    group: 'generated account',
    name: `${scale}x: ${account.securityGroups.length} groups, ${rules} rules, ${account.subnets.length} subnets, ${checkTopology(account).length} findings`,
    value: snapshots[index]!.length / 2 ** 20,
    unit: 'MiB snapshot',
    baseline: snapshots[0]!.length / 2 ** 20,
  });
}

describe('check a generated account (target: 1x under 1 s, 4x at most 4.5x the 1x time)', () => {
  for (const [index, scale] of SCALES.entries()) {
    bench(`${scale}x`, () => void checkTopology(accounts[index]!), OPTIONS);
  }
  // Beside the sizes: one transit gateway, its attachments and routes, every spoke a client of the FTP-VPC.
  bench(
    `hub and spoke: 1 TGW, ${HUB_ATTACHMENTS} attachments, ${HUB_ROUTES.toLocaleString('en')} TGW routes`,
    () => void checkTopology(hub),
    OPTIONS,
  );
});

describe('parse a snapshot and check it', () => {
  for (const [index, scale] of SCALES.entries()) {
    bench(`${scale}x`, () => void checkTopology(parseSnapshot(snapshots[index]!, 'generated.json')), OPTIONS);
  }
});

const temp = await createTempDir('network-check-bench');
afterAll(() => temp.remove());
await mkdir(join(temp.path, 'article'));
articleApp(ARTICLE_BEFORE_FIX, join(temp.path, 'article')).synth();
const assembly = join(temp.path, 'article', 'cdk.out');

describe("end to end: the CLI on the article's cdk.out against Node start-up", () => {
  bench("node -e ''", async () => void (await runProcess(process.execPath, ['-e', ''])), { iterations: 15, time: 0 });
  bench('network-check cdk-out', async () => void (await runProcess(process.execPath, [CLI, 'cdk-out', assembly])), {
    iterations: 15,
    time: 0,
  });
});
