import { App, type AppProps } from 'aws-cdk-lib';
import { HubAndSpokeStack, type HubAndSpokeStackProps, type HubAndSpokeVariant } from './hub-and-spoke-stack.js';

export const STACK_NAME = 'ClosedFtpHubAndSpoke';
export const VARIANTS: readonly HubAndSpokeVariant[] = ['working', 'broken'];

/** Adds the example's one stack to `app`: environment-agnostic, so it synthesizes offline without lookups. */
export function addHubAndSpokeTopology(
  app: App,
  variant: HubAndSpokeVariant = 'working',
  props: Omit<HubAndSpokeStackProps, 'variant'> = {},
): HubAndSpokeStack {
  return new HubAndSpokeStack(app, STACK_NAME, {
    ...props,
    variant,
    description: `closed-ftp example: the FTP-VPC behind a Transit Gateway with a spoke VPC and an on-premises VPN (${variant})`,
  });
}

/** A new app holding the example. */
export function hubAndSpokeApp(variant: HubAndSpokeVariant = 'working', props: AppProps = {}): App {
  const app = new App(props);
  addHubAndSpokeTopology(app, variant);
  return app;
}
