#!/usr/bin/env node
// The CDK app of cdk.json: `cdk synth` builds the working hub and spoke, `cdk synth -c variant=broken` the broken one.
import { App } from 'aws-cdk-lib';
import { addHubAndSpokeTopology, VARIANTS } from '../hub-and-spoke-app.js';
import type { HubAndSpokeVariant } from '../hub-and-spoke-stack.js';

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'working';
if (!VARIANTS.includes(variant)) {
  console.error(`-c variant=${variant}: use one of ${VARIANTS.join(', ')}.`);
  process.exit(2);
}
const customerGatewayIp = app.node.tryGetContext('customerGatewayIp');
addHubAndSpokeTopology(app, variant as HubAndSpokeVariant, customerGatewayIp ? { customerGatewayIp } : {});
app.synth();
