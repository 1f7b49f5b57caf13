import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ClosedFtpServer, type ClosedFtpServerProps, ClosedVpc } from '../../src/index.js';

export const CLIENT_CIDR = '10.1.0.0/16';

export interface ServerStack {
  app: App;
  stack: Stack;
  vpc: ClosedVpc;
  server: ClosedFtpServer;
}

/** A stack with a closed VPC and a server admitting the client network, as a user of the package writes it. */
export function serverStack(props: Partial<ClosedFtpServerProps> = {}, app = new App()): ServerStack {
  const stack = new Stack(app, 'Ftp');
  const vpc = new ClosedVpc(stack, 'Vpc', { cidr: '10.0.0.0/16' });
  const server = new ClosedFtpServer(stack, 'Server', {
    vpc,
    allowFrom: [ec2.Peer.ipv4(CLIENT_CIDR)],
    ...props,
  });
  return { app, stack, vpc, server };
}
