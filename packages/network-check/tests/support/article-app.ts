// The article topology as a CDK app, for the cdk.out and validation-plugin tests: the one template from
// `@closed-ftp/network-check/samples`, included with CfnInclude (so there is no second copy of it to drift).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { type ArticleTopologyOptions, articleTopology } from '../../src/samples.js';

/** The stack's name in the assembly; its resources keep the template's logical ids. */
export const ARTICLE_STACK = 'Article';

/** A CDK app of the article topology writing its assembly to `<dir>/cdk.out`; call `synth()` on it. */
export function articleApp(options: ArticleTopologyOptions, dir: string): App {
  const templateFile = join(dir, 'article.template.json');
  writeFileSync(templateFile, JSON.stringify(articleTopology(options)));
  const app = new App({ outdir: join(dir, 'cdk.out') });
  const stack = new Stack(app, ARTICLE_STACK, { env: { account: '123456789012', region: 'eu-west-1' } });
  new CfnInclude(stack, 'Article', { templateFile });
  return app;
}
