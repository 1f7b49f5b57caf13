#!/usr/bin/env node
// The CDK app of cdk.json: `cdk synth` builds the working topology, `cdk synth -c variant=broken` the article's bug.
import { App } from 'aws-cdk-lib';
import { addArticleTopology, VARIANTS } from '../article-app.js';
import type { ArticleVariant } from '../article-topology-stack.js';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'working';
if (!VARIANTS.includes(variant)) {
  console.error(`-c variant=${variant}: use one of ${VARIANTS.join(', ')}.`);
  process.exit(2);
}
addArticleTopology(app, variant as ArticleVariant);
app.synth();
