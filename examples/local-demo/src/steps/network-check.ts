// network-check: the source article's topology as a CloudFormation template, checked before and after the fix.
import { checkTopology, formatText, loadTemplateText } from '@closed-ftp/network-check';
import { ARTICLE_BEFORE_FIX, articleTopology } from '@closed-ftp/network-check/samples';
import type { Step } from '../story.js';

// FTP-VPC (closed) with a Transfer FTP server, Lambda IdP and a user secret; Client-VPC with an EC2 client; peering
// with routes both ways. As the article starts, the endpoint has no security group and there is no STS endpoint;
// the fix adds a group admitting 21 and 8192-8200 from the Client-VPC, and an STS interface endpoint.
const STATES = {
  before: articleTopology(ARTICLE_BEFORE_FIX),
  after: articleTopology(),
};

export const step: Step = {
  title: "network-check: predict the article's ls hang from configuration, before deploying",
  async run(story) {
    for (const [state, template] of Object.entries(STATES)) {
      const started = performance.now();
      const file = `article-${state}.json`;
      const findings = checkTopology(loadTemplateText(JSON.stringify(template), file, { region: 'ap-northeast-1' }));
      const ms = (performance.now() - started).toFixed(1);
      const errors = findings.filter((f) => f.severity === 'error').length;
      const verdict = `${state} the fix: ${findings.length} finding(s), ${errors} error(s), checked in ${ms} ms`;
      if (findings.length === 0) story.ok(verdict);
      else story.bad(verdict);
      for (const line of formatText(findings).trimEnd().split('\n')) story.line(line);
    }
    story.line(
      'Same check in CI: `network-check cdk-out cdk.out --format sarif`, or at synth with NetworkCheckPlugin.',
    );
  },
};
