import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectAssemblyAcceptedByCloudFormation } from '@closed-ftp/test-support/cloudformation-schema';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { FTP_VPC_CIDR, ON_PREMISES_CIDR, SPOKE_VPC_CIDR } from '../../src/index.js';
import { freshApp, hubTemplate, useTestApps } from '../support/synth.js';

useTestApps();

const resources = (template: Template, type: string) => Object.entries(template.findResources(type));
const refs = (values: unknown[]) => values.map((v) => (v as { Ref: string }).Ref).sort();

describe('the hub-and-spoke topology', () => {
  it('synthesizes templates CloudFormation accepts, in both variants', () => {
    for (const variant of ['working', 'broken'] as const) {
      expectAssemblyAcceptedByCloudFormation(freshApp(variant).synth().directory);
    }
  });

  it('is cdk-nag AwsSolutions clean', () => {
    const app = freshApp('working', (a) => [new AwsSolutionsChecks(a)]);
    let violations: string[] = [];
    try {
      app.synth();
    } catch (error) {
      const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: Array<{ violations: Array<{ ruleName: string }> }>;
      };
      if (!report) throw error;
      violations = [...new Set(report.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName)))];
    }
    expect(violations).toEqual([]);
  });

  it('attaches both closed VPCs to one Transit Gateway with a subnet in every AZ the endpoint uses', () => {
    const template = hubTemplate('working');
    template.resourceCountIs('AWS::EC2::TransitGateway', 1);
    template.resourceCountIs('AWS::EC2::VPCPeeringConnection', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::TransitGateway', {
      DefaultRouteTableAssociation: 'enable',
      DefaultRouteTablePropagation: 'enable',
    });
    const attachments = resources(template, 'AWS::EC2::TransitGatewayAttachment');
    expect(attachments.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'FtpVpcTransitGatewayAttachment',
      'SpokeVpcTransitGatewayAttachment',
    ]);
    const server = resources(template, 'AWS::Transfer::Server')[0]![1];
    const endpointSubnets = refs(server.Properties.EndpointDetails.SubnetIds);
    const ftp = attachments.find(([id]) => id.startsWith('FtpVpc'))![1];
    expect(refs(ftp.Properties.SubnetIds)).toEqual(endpointSubnets);
    expect(endpointSubnets).toHaveLength(2);
    for (const [, attachment] of attachments) {
      expect(attachment.Properties.TransitGatewayId).toEqual({ Ref: 'TransitGateway' });
      expect(attachment.Properties.SubnetIds).toHaveLength(2);
    }
  });

  it('routes each VPC to the other side through the Transit Gateway, after its attachment', () => {
    const template = hubTemplate('working');
    const routes = resources(template, 'AWS::EC2::Route').map(([, r]) => ({
      from: (r.Properties.RouteTableId.Ref as string).replace(/IsolatedSubnet\d.*/, ''),
      to: r.Properties.DestinationCidrBlock,
      via: r.Properties.TransitGatewayId,
      after: (r.DependsOn as string[]).map((d) => d.replace(/[0-9A-F]{8}$/, '')),
    }));
    const tgw = { Ref: 'TransitGateway' };
    const spoke = { from: 'SpokeVpc', to: FTP_VPC_CIDR, via: tgw, after: ['SpokeVpcTransitGatewayAttachment'] };
    const back = (to: string) => ({ from: 'FtpVpc', to, via: tgw, after: ['FtpVpcTransitGatewayAttachment'] });
    // One route table per isolated subnet, one subnet per AZ: two of each.
    expect(routes).toEqual(
      expect.arrayContaining([spoke, spoke, back(SPOKE_VPC_CIDR), back(SPOKE_VPC_CIDR), back(ON_PREMISES_CIDR)]),
    );
    expect(routes).toHaveLength(6);
  });

  it('reaches on-premises through a BGP Site-to-Site VPN attached to the Transit Gateway', () => {
    const template = hubTemplate('working');
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { Type: 'ipsec.1', BgpAsn: 65000 });
    const vpn = resources(template, 'AWS::EC2::VPNConnection');
    expect(vpn).toHaveLength(1);
    expect(vpn[0]![1].Properties).toEqual({
      Type: 'ipsec.1',
      CustomerGatewayId: { Ref: 'CustomerGateway' },
      TransitGatewayId: { Ref: 'TransitGateway' },
      StaticRoutesOnly: false,
    });
    template.resourceCountIs('AWS::EC2::VPNGateway', 0);
  });

  it('admits the spoke VPC, the on-premises network and the canary subnets on 21 and 8192-8200 only', () => {
    const template = hubTemplate('working');
    const endpointGroup = Object.values(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: Match.stringLikeRegexp('Transfer FTP endpoint') },
      }),
    )[0]!;
    const rules = (endpointGroup.Properties.SecurityGroupIngress as Array<Record<string, unknown>>).map((r) => [
      r.CidrIp,
      r.FromPort,
      r.ToPort,
    ]);
    const subnet = expect.stringMatching(/^10\.1\.\d+\.0\/24$/);
    expect(rules).toEqual([
      [SPOKE_VPC_CIDR, 21, 21],
      [SPOKE_VPC_CIDR, 8192, 8200],
      [ON_PREMISES_CIDR, 21, 21],
      [ON_PREMISES_CIDR, 8192, 8200],
      [subnet, 21, 21],
      [subnet, 8192, 8200],
      [subnet, 21, 21],
      [subnet, 8192, 8200],
    ]);
  });

  it('differs in the broken variant only by the Transit Gateway propagating no routes', () => {
    const working = hubTemplate('working').toJSON().Resources as Record<string, { Properties?: unknown }>;
    const broken = hubTemplate('broken').toJSON().Resources as Record<string, { Properties?: unknown }>;
    expect(Object.keys(broken).sort()).toEqual(Object.keys(working).sort());
    const changed = Object.keys(working).filter((id) => JSON.stringify(working[id]) !== JSON.stringify(broken[id]));
    expect(changed).toEqual(['TransitGateway']);
    expect(broken.TransitGateway!.Properties).toMatchObject({ DefaultRouteTablePropagation: 'disable' });
  });
});
