import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NetworkCheckPlugin } from '@closed-ftp/network-check/cdk';
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { CLIENT_VPC_CIDR, FTP_VPC_CIDR, probeBundleFile, STACK_NAME } from '../../src/index.js';
import { articleTemplate, freshApp, useTestApps } from '../support/synth.js';

const testDir = useTestApps();

const packageDir = join(import.meta.dirname, '..', '..');
const networkCheckCli = join(packageDir, 'node_modules', '.bin', 'network-check');

function violations(app: ReturnType<typeof freshApp>): string[] {
  try {
    app.synth();
    return [];
  } catch (error) {
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: Array<{ violations: Array<{ ruleName: string }> }>;
    };
    if (!report) throw error;
    // Distinct rule ids: a plugin may report a rule once per resource.
    return [...new Set(report.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName)))];
  }
}

describe('the article topology', () => {
  it('is cdk-nag AwsSolutions clean', () => {
    expect(violations(freshApp('working', (app) => [new AwsSolutionsChecks(app)]))).toEqual([]);
  });

  it("passes network-check's plugin at warning level; the broken variant fails it on the STS endpoint", () => {
    const plugins = () => [new NetworkCheckPlugin({ failOn: 'warning' })];
    expect(violations(freshApp('working', plugins))).toEqual([]);
    expect(violations(freshApp('broken', plugins))).toEqual(['CFTP-NET-017']);
  });

  it('`check` (network-check CLI on the cloud assembly) exits 0 on it and 1 on the broken variant', () => {
    for (const [variant, status] of [
      ['working', 0],
      ['broken', 1],
    ] as const) {
      const app = freshApp(variant);
      const assembly = app.synth();
      const run = spawnSync(networkCheckCli, ['cdk-out', assembly.directory, '--fail-on', 'warning'], {
        encoding: 'utf8',
      });
      expect(run.status, `${variant}: ${run.stdout}${run.stderr}`).toBe(status);
      if (variant === 'broken') expect(run.stdout).toMatch(/CFTP-NET-017/);
    }
  });

  it('peers the two closed VPCs with routes both ways', () => {
    const template = articleTemplate('working');
    template.resourceCountIs('AWS::EC2::VPCPeeringConnection', 1);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    const routes = Object.values(template.findResources('AWS::EC2::Route'));
    const destinations = routes.map((r) => r.Properties.DestinationCidrBlock['Fn::GetAtt'][0]).sort();
    expect(destinations).toEqual([
      expect.stringMatching(/^ClientVpc/),
      expect.stringMatching(/^ClientVpc/),
      expect.stringMatching(/^FtpVpc/),
      expect.stringMatching(/^FtpVpc/),
    ]);
    for (const route of routes) expect(route.Properties.VpcPeeringConnectionId).toEqual({ Ref: expect.any(String) });
  });

  it('builds an Amazon Linux 2023 client with Instance Connect, SSM endpoints, S3 gateway, lftp, Node and the probe', () => {
    const app = freshApp('working');
    const template = Template.fromStack(app.node.findChild(STACK_NAME) as Stack);
    const json = template.toJSON();
    expect(JSON.stringify(json.Parameters)).toMatch(/al2023-ami/);
    template.resourceCountIs('AWS::EC2::InstanceConnectEndpoint', 1);
    for (const service of ['ssm', 'ssmmessages', 'ec2messages', 'secretsmanager', 's3']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`.${service}`])] }),
      });
    }
    const instance = Object.values(template.findResources('AWS::EC2::Instance'))[0]!;
    const userData = JSON.stringify(instance.Properties.UserData);
    expect(userData).toMatch(/dnf install -y lftp nodejs22/);
    expect(userData).toMatch(/\/opt\/closed-ftp\/ftp-probe\.mjs/);
    // The asset the instance downloads is the ftp-probe bundle itself.
    const asset = /\/([0-9a-f]{64}\.mjs)'/.exec(userData)?.[1];
    expect(asset).toBeDefined();
    const assembly = app.synth();
    expect(readFileSync(join(assembly.directory, `asset.${asset}`))).toEqual(readFileSync(probeBundleFile()));
  });

  it("lets the client read user1's secret and the probe bundle object, nothing more", () => {
    const template = articleTemplate('working');
    const instance = Object.values(template.findResources('AWS::EC2::Instance'))[0]!;
    const profile = template.findResources('AWS::IAM::InstanceProfile')[instance.Properties.IamInstanceProfile.Ref]!;
    const role = profile.Properties.Roles[0] as { Ref: string };
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify(role)))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const userData = JSON.stringify(instance.Properties.UserData);
    const assetKey = /\/([0-9a-f]{64}\.mjs)'/.exec(userData)?.[1];
    expect(statements).toEqual([
      {
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: { Ref: expect.stringMatching(/^FtpServerUseruser1Secret/) },
      },
      { Action: 's3:GetObject', Effect: 'Allow', Resource: expect.anything() },
    ]);
    // The probe's own key, not the whole CDK assets bucket.
    expect(JSON.stringify(statements[1].Resource)).toContain(`/${assetKey}`);
  });

  it('admits the client VPC (and the canary subnets in it) on 21 and 8192-8200 only, and gives the client egress to them', () => {
    const template = articleTemplate('working');
    const endpointGroup = Object.values(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: Match.stringLikeRegexp('Transfer FTP endpoint') },
      }),
    )[0]!;
    expect(
      endpointGroup.Properties.SecurityGroupIngress.map((r: { CidrIp: string; FromPort: number }) => [
        r.CidrIp,
        r.FromPort,
      ]),
    ).toEqual([
      [CLIENT_VPC_CIDR, 21],
      [CLIENT_VPC_CIDR, 8192],
      // The canary's two client subnets (inside the client VPC), each on 21 and 8192-8200.
      [expect.stringMatching(/^10\.1\.\d+\.0\/24$/), 21],
      [expect.stringMatching(/^10\.1\.\d+\.0\/24$/), 8192],
      [expect.stringMatching(/^10\.1\.\d+\.0\/24$/), 21],
      [expect.stringMatching(/^10\.1\.\d+\.0\/24$/), 8192],
    ]);
    const clientGroup = Object.values(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: Match.stringLikeRegexp('FTP client') },
      }),
    )[0]!;
    expect(clientGroup.Properties.SecurityGroupEgress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ CidrIp: FTP_VPC_CIDR, FromPort: 21, ToPort: 21 }),
        expect.objectContaining({ CidrIp: FTP_VPC_CIDR, FromPort: 8192, ToPort: 8200 }),
      ]),
    );
  });

  it("runs a canary in the client subnets every 5 minutes as user1, reading user1's secret only, through the client's Secrets Manager endpoint", () => {
    const template = articleTemplate('working');
    const canaries = template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('FTP canary, user1') },
    });
    expect(Object.keys(canaries)).toHaveLength(1);
    const [id, fn] = Object.entries(canaries)[0]!;
    expect(fn.Properties.VpcConfig.SubnetIds).toEqual([
      { Ref: expect.stringMatching(/^ClientVpcIsolatedSubnet1/) },
      { Ref: expect.stringMatching(/^ClientVpcIsolatedSubnet2/) },
    ]);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      FTP_USER: 'user1',
      FTP_PASSWORD_SECRET_ID: { Ref: expect.stringMatching(/^FtpServerUseruser1Secret/) },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [id, 'Arn'] } }),
    });
    const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const secretReads = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: string | string[] }) => JSON.stringify(s.Action).includes('secretsmanager'));
    expect(secretReads).toEqual([
      {
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: { Ref: expect.stringMatching(/^FtpServerUseruser1Secret/) },
      },
    ]);
    // One Secrets Manager endpoint in the client VPC, shared by the instance and the canary.
    const secretsEndpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).filter((e) =>
      JSON.stringify(e.Properties.ServiceName).includes('.secretsmanager'),
    );
    expect(secretsEndpoints).toHaveLength(1);
    expect(JSON.stringify(secretsEndpoints[0]!.Properties.VpcId)).toMatch(/ClientVpc/);
  });

  it('alarms on the server, its IdP and the canary, and puts them on one dashboard', () => {
    const template = articleTemplate('working');
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const names = alarms.map((a) => a.Properties.MetricName ?? 'math').sort();
    // The server's log entries, the IdP (errors, throttles, near its timeout, failed secret lookups), the canary
    // (failed runs, and its probe near its deadline: a math alarm like the IdP's).
    expect(names).toEqual([
      'AuthFailures',
      'Errors',
      'Errors',
      'Failure',
      'LoginDenied',
      'PartialUploads',
      'Throttles',
      'math',
      'math',
    ]);
    const failure = alarms.find((a) => a.Properties.MetricName === 'Failure')!;
    expect(failure.Properties).toMatchObject({
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'breaching',
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody,
    );
    for (const title of [
      'Canary ClosedFtpArticle/Canary: success per step',
      'Canary ClosedFtpArticle/Canary: latency',
      'Canary ClosedFtpArticle/Canary: failures by top cause',
      'AUTH_FAILURE',
      'Alarms',
    ])
      expect(body).toContain(title);
    // Every alarm of the stack shows on the dashboard.
    for (const alarmId of Object.keys(template.findResources('AWS::CloudWatch::Alarm')))
      expect(body).toContain(alarmId);
    expect(Object.keys(template.toJSON().Outputs)).toEqual(
      expect.arrayContaining(['CanaryName', 'CanaryLogGroupName', 'DashboardName']),
    );
  });

  it('differs in the broken variant only by the missing STS endpoint', () => {
    const working = articleTemplate('working').toJSON().Resources as Record<string, { Type: string }>;
    const broken = articleTemplate('broken').toJSON().Resources as Record<string, { Type: string }>;
    const removed = Object.keys(working).filter((id) => !(id in broken));
    expect(Object.keys(broken).filter((id) => !(id in working))).toEqual([]);
    expect(removed.length).toBeGreaterThan(0);
    for (const id of removed) expect(id).toMatch(/StsEndpoint/);
  });

  it('synthesizes with the real CDK CLI offline, as `npm run synth` does', () => {
    const out = join(testDir.path, 'cdk.out.cli');
    const run = spawnSync('npx', ['cdk', 'synth', '--no-notices', '--quiet', '--output', out], {
      cwd: packageDir,
      encoding: 'utf8',
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(out, `${STACK_NAME}.template.json`), 'utf8')).toMatch(/AWS::Transfer::Server/);
  });
});
