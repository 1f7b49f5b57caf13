import { type App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ClosedFtpServer, type ClosedFtpServerProps, ClosedVpc, VpcPeering } from '../../src/index.js';
import { testApp } from './apps.js';

export const CLIENT_CIDR = '10.1.0.0/16';

export interface ServerStack {
  app: App;
  stack: Stack;
  vpc: ClosedVpc;
  server: ClosedFtpServer;
}

/** A stack with a closed VPC and a server admitting the client network, as a user of the package writes it. */
export function serverStack(props: Partial<ClosedFtpServerProps> = {}, app: App = testApp()): ServerStack {
  const stack = new Stack(app, 'Ftp');
  const vpc = new ClosedVpc(stack, 'Vpc', { cidr: '10.0.0.0/16' });
  const server = new ClosedFtpServer(stack, 'Server', {
    vpc,
    allowFrom: [ec2.Peer.ipv4(CLIENT_CIDR)],
    ...props,
  });
  return { app, stack, vpc, server };
}

export interface PeeredStack extends ServerStack {
  clientVpc: ClosedVpc;
  clientGroup: ec2.SecurityGroup;
  peering: VpcPeering;
}

/** A server VPC and a client VPC peered both ways, the server admitting the clients' security group. */
export function peeredStack(props: Partial<ClosedFtpServerProps> = {}, app: App = testApp()): PeeredStack {
  const stack = new Stack(app, 'Ftp');
  const vpc = new ClosedVpc(stack, 'Vpc', { cidr: '10.0.0.0/16' });
  const clientVpc = new ClosedVpc(stack, 'ClientVpc', { cidr: CLIENT_CIDR });
  const peering = new VpcPeering(stack, 'Peering', { vpc: clientVpc, peerVpc: vpc });
  const clientGroup = new ec2.SecurityGroup(stack, 'Clients', { vpc: clientVpc, allowAllOutbound: false });
  const server = new ClosedFtpServer(stack, 'Server', { vpc, ...props });
  server.allowFrom(ec2.Peer.ipv4(CLIENT_CIDR), 'client VPC');
  clientGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(21));
  clientGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcpRange(8192, 8200));
  return { app, stack, vpc, server, clientVpc, clientGroup, peering };
}
