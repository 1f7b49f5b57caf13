import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createTempDir } from '@closed-ftp/test-support';
import { validateTemplate } from '@closed-ftp/test-support/cloudformation-schema';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { ClosedFtpServer, ClosedVpc } from '../../src/index.js';

// Every test file's templates are checked after its tests (tests/support/apps.ts); this one shows the check bites on
// what an escape hatch can get wrong, in an app of its own so that check does not see it.
describe('templates CloudFormation would accept', () => {
  it('catches an escape-hatch override with a misspelled property or a value outside the enum', async () => {
    await using dir = await createTempDir('cdk-closed-ftp-schema');
    const build = (override: (server: ClosedFtpServer) => void) => {
      const stack = new Stack(new App({ outdir: mkdtempSync(join(dir.path, 'cdk.out-')) }), 'Ftp');
      const server = new ClosedFtpServer(stack, 'Server', {
        vpc: new ClosedVpc(stack, 'Vpc'),
        allowFrom: [ec2.Peer.ipv4('10.1.0.0/16')],
      });
      override(server);
      return Template.fromStack(stack);
    };
    expect(validateTemplate(build(() => {}))).toEqual([]);
    const broken = build((server) => {
      server.cfnServer.addPropertyOverride('ProtocolDetails.PasiveIp', 'AUTO');
      server.cfnServer.addPropertyOverride('IdentityProviderType', 'LAMBDA');
    });
    const problems = validateTemplate(broken)
      .map((p) => [p.type, p.path, p.kind])
      .sort();
    expect(problems).toEqual([
      ['AWS::Transfer::Server', 'Properties.IdentityProviderType', 'not-allowed-value'],
      ['AWS::Transfer::Server', 'Properties.ProtocolDetails.PasiveIp', 'unknown-property'],
    ]);
  });
});
