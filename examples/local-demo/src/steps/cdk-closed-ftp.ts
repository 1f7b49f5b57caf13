// cdk-closed-ftp: the source article's topology built with the constructs, synthesized offline, checked before deploy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArticleVariant, articleApp, STACK_NAME } from '@closed-ftp/article-topology';
import { checkTopology, hasFindingsAtOrAbove, loadCdkOut } from '@closed-ftp/network-check';
import type { Step } from '../story.js';

const VARIANTS: Array<[ArticleVariant, string]> = [
  [
    'working',
    'the article topology built with ClosedVpc, ClosedFtpServer, VpcPeering, FtpCanary and ClosedFtpMonitoring',
  ],
  ['broken', "the article's first attempt: no STS endpoint in the FTP VPC"],
];

export const step: Step = {
  title: 'cdk-closed-ftp: build the closed topology right, and check it before deploying',
  async run(story) {
    for (const [variant, what] of VARIANTS) {
      const outdir = await mkdtemp(join(tmpdir(), `closed-ftp-demo-cdk-${variant}-`));
      try {
        const started = performance.now();
        const assembly = articleApp(variant, { outdir }).synth();
        const template = assembly.getStackByName(STACK_NAME).template as { Resources: Record<string, unknown> };
        story.line(
          `${variant}: ${what}: synthesized offline in ${Math.round(performance.now() - started)} ms, ` +
            `${Object.keys(template.Resources).length} resources, no AWS account`,
        );
        const findings = checkTopology(await loadCdkOut(outdir));
        if (!hasFindingsAtOrAbove(findings, 'warning')) {
          const notes = findings.length > 0 ? ` (${findings.length} informational)` : '';
          story.ok(`network-check: nothing blocks FTP from the client VPC to the endpoint${notes}`);
          continue;
        }
        for (const finding of findings.filter((f) => f.severity !== 'info')) {
          story.bad(`network-check ${finding.severity} ${finding.id}: ${finding.title}`);
          story.line(`  ${finding.message}`);
          story.line(`  fix: ${finding.remediation}`);
        }
      } finally {
        await rm(outdir, { recursive: true, force: true });
      }
    }
    story.line(
      'deploy it with `npm run deploy` in examples/article-topology, then `npm run verify` probes it from the',
    );
    story.line('client instance through SSM: the same ftp-probe bundle that runs against transfer-emulator above.');
  },
};
