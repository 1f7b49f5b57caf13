import { readCanaryConfig, STEP_METRIC_NAMES } from '@closed-ftp/ftp-probe/canary';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { CANARY_STEPS, FtpCanary, PasswordSource } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { peeredStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

const OPERATOR_WARNING = Match.stringLikeRegexp('Password key of .*PasswordHash fails every run as canary-secret');

function canaryFor(password: PasswordSource, base = peeredStack()) {
  const user = base.server.addUser('canary1', { password });
  const canary = new FtpCanary(base.stack, 'Canary', {
    server: base.server,
    user,
    vpc: base.clientVpc,
    addSecretsManagerEndpoint: true,
  });
  return { ...base, user, canary };
}

/** The canary role's statements that name Secrets Manager, resolved. */
function secretStatements(stack: Stack, canary: FtpCanary): unknown[] {
  const role = { Ref: stack.getLogicalId(canary.function.role!.node.defaultChild as CfnElement) };
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([role]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s) => JSON.stringify(s.Action).includes('secretsmanager'));
}

describe("FtpCanary and its user's secret", () => {
  it('reads a secret the operator writes by its name, the role matching only its six-character suffix', () => {
    const { stack, canary, user } = canaryFor(PasswordSource.OPERATOR);
    const statements = secretStatements(stack, canary);
    expect(statements).toHaveLength(1);
    const resource = JSON.stringify(statements[0]);
    // The ARN Secrets Manager gives the secret: its name, a dash and six characters it picks.
    expect(resource).toMatch(/:secret:aws\/transfer\/".*"\/canary1-\?\?\?\?\?\?"/);
    expect(resource).not.toContain('*');
    expect(resource).toContain('"Action":"secretsmanager:GetSecretValue"');

    const fn = Template.fromStack(stack).findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('FTP canary') },
    });
    const env = Object.values(fn)[0]!.Properties.Environment.Variables as Record<string, unknown>;
    // The handler gets the secret's name (a partial ARN would be ambiguous), the same one the IdP reads.
    expect(env.FTP_PASSWORD_SECRET_ID).toEqual(stack.resolve(user.secretName));
    const config = readCanaryConfig({
      FTP_HOST: 'vpce-0abc-1234.vpce-svc-0def.eu-west-1.vpce.amazonaws.com',
      FTP_USER: 'canary1',
      FTP_PASSWORD_SECRET_ID: 'aws/transfer/s-0123456789abcdef0/canary1',
    });
    expect(config.password).toEqual({ secretId: 'aws/transfer/s-0123456789abcdef0/canary1' });
  });

  it('warns that a hash-only operator secret cannot log the canary in; a generated password gives no warning', () => {
    const operator = canaryFor(PasswordSource.OPERATOR);
    Annotations.fromStack(operator.stack).hasWarning(`/${operator.canary.node.path}`, OPERATOR_WARNING);

    const generated = canaryFor(PasswordSource.GENERATED);
    expect(Annotations.fromStack(generated.stack).findWarning('*', OPERATOR_WARNING)).toEqual([]);
    const statements = secretStatements(generated.stack, generated.canary);
    const secret = Object.keys(Template.fromStack(generated.stack).findResources('AWS::SecretsManager::Secret'))[0]!;
    expect(statements).toEqual([
      { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: { Ref: secret } },
    ]);
  });

  it('keeps cdk-nag clean with an operator-written secret', () => {
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    canaryFor(PasswordSource.OPERATOR, peeredStack({}, app)).canary.alarmOnFailure();
    expect(synthViolations(app)).toEqual([]);
  });

  it('has a metric for every step the handler publishes', () => {
    // The canary never runs TestIdentityProvider (its bundle leaves it out), so IdpTest is never published.
    const published = Object.values(STEP_METRIC_NAMES).filter((name) => name !== 'IdpTest');
    expect(published.sort()).toEqual(
      Object.values(CANARY_STEPS)
        .filter((name) => name !== 'DataConnection')
        .sort(),
    );
    const { canary } = canaryFor(PasswordSource.GENERATED);
    expect(canary.metricStepSuccess('dns').metricName).toBe('DnsSuccess');
    expect(canary.metricStepLatency('session').metricName).toBe('SessionLatency');
  });
});
