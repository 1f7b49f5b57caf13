import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { ClosedVpc, InvalidPropError } from '../../src/index.js';
import { testApp, useTestApps } from '../support/apps.js';

useTestApps();

function vpcTemplate(configure?: (vpc: ClosedVpc) => void): Template {
  const stack = new Stack(testApp(), 'Net');
  const vpc = new ClosedVpc(stack, 'Vpc', { cidr: '10.0.0.0/16' });
  configure?.(vpc);
  return Template.fromStack(stack);
}

describe('ClosedVpc', () => {
  it('has isolated subnets only: no internet gateway, no NAT, no default route', () => {
    const template = vpcTemplate();
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    template.resourceCountIs('AWS::EC2::Route', 0);
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet'));
    expect(subnets).toHaveLength(2);
    for (const subnet of subnets) expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
  });

  it('turns DNS support and hostnames on and logs every flow to a log group with retention', () => {
    const template = vpcTemplate();
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.0.0.0/16',
      EnableDnsSupport: true,
      EnableDnsHostnames: true,
    });
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('FlowLogs') },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('strips the default security group of its rules', () => {
    vpcTemplate().hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: { 'Fn::GetAtt': [Match.anyValue(), 'DefaultSecurityGroup'] },
    });
  });

  it('adds interface endpoints with private DNS and gateway endpoints', () => {
    const template = vpcTemplate((vpc) => {
      vpc.addServiceEndpoint('Ssm', ec2.InterfaceVpcEndpointAwsService.SSM);
      vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ssm']] },
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
  });

  it('rejects a CIDR that is not one, naming the prop', () => {
    const stack = new Stack(testApp(), 'Bad');
    expect(() => new ClosedVpc(stack, 'Vpc', { cidr: '10.0.0/16' })).toThrow(InvalidPropError);
    expect(() => new ClosedVpc(stack, 'Vpc2', { cidr: '10.0.0/16' })).toThrow(/ClosedVpcProps\.cidr/);
  });
});
