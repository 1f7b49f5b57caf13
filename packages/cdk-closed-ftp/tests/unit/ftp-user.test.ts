import { authenticate, InMemoryUserStore } from '@closed-ftp/idp-core';
import { USER_NAME_PATTERN } from '@closed-ftp/idp-lambda/facts';
import { resolveWith } from '@closed-ftp/test-support/cloudformation';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidPropError, PasswordSource } from '../../src/index.js';
import { useTestApps } from '../support/apps.js';
import { serverStack } from '../support/stacks.js';

useTestApps();

const fakeRefs = (id: string, attribute?: string) =>
  attribute === 'Arn'
    ? `arn:aws:iam::111111111111:role/${id}`
    : attribute === 'ServerId'
      ? 's-0123456789abcdef0'
      : `ref-${id}`;

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}

function deployedSecret(template: Template): { name: string; template: Record<string, unknown>; key: string } {
  const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
  expect(secrets).toHaveLength(1);
  const props = secrets[0]!.Properties;
  return {
    name: resolveWith(props.Name, fakeRefs) as string,
    template: JSON.parse(resolveWith(props.GenerateSecretString.SecretStringTemplate, fakeRefs) as string),
    key: props.GenerateSecretString.GenerateStringKey,
  };
}

describe('server.addUser', () => {
  it("writes the IdP's secret format under the IdP's name template, with a generated password", () => {
    const { stack, server } = serverStack();
    server.addUser('user1', { sourceCidrs: ['10.1.0.0/16'], protocols: ['FTP'] });
    const template = Template.fromStack(stack);
    const secret = deployedSecret(template);
    expect(secret.name).toBe('aws/transfer/s-0123456789abcdef0/user1');
    expect(secret.key).toBe('Password');
    const bucket = Object.keys(template.findResources('AWS::S3::Bucket'))[0];
    expect(secret.template).toEqual({
      Role: expect.stringMatching(/^arn:aws:iam::111111111111:role\/ServerUseruser1Role/),
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryDetails: JSON.stringify([{ Entry: '/', Target: `/ref-${bucket}/user1` }]),
      AllowedSourceCidrs: ['10.1.0.0/16'],
      AllowedProtocols: ['FTP'],
    });
  });

  it('is read by @closed-ftp/idp-core as deployed: right password and source in, anything else out', async () => {
    const { stack, server } = serverStack();
    server.addUser('user1', { sourceCidrs: ['10.1.0.0/16'], protocols: ['FTP'] });
    const secret = deployedSecret(Template.fromStack(stack));
    // What Secrets Manager stores: the template plus the generated password under GenerateStringKey.
    const password = 'Generated0123456789abcdefABCDEF0';
    const userStore = new InMemoryUserStore({ [secret.name]: { ...secret.template, [secret.key]: password } });
    const login = {
      username: 'user1',
      password,
      protocol: 'FTP',
      serverId: 's-0123456789abcdef0',
      sourceIp: '10.1.2.3',
    };
    const allowed = await authenticate(login, { userStore });
    expect(allowed.allowed).toBe(true);
    expect(allowed.response).toMatchObject({
      Role: secret.template.Role,
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryDetails: secret.template.HomeDirectoryDetails,
    });
    expect((await authenticate({ ...login, password: 'wrong' }, { userStore })).allowed).toBe(false);
    expect((await authenticate({ ...login, sourceIp: '192.0.2.1' }, { userStore })).allowed).toBe(false);
    expect((await authenticate({ ...login, protocol: 'FTPS' }, { userStore })).allowed).toBe(false);
  });

  it('never puts a password in the template or its outputs', () => {
    const { stack, server } = serverStack();
    server.addUser('user1');
    const json = Template.fromStack(stack).toJSON();
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"SecretString"/);
    expect(text).not.toMatch(/Password\\?"\s*:/);
    expect(text).not.toMatch(/PasswordHash/);
    expect(JSON.stringify(json.Outputs ?? {})).not.toMatch(/Secret/i);
  });

  it("scopes the default role to the user's prefixes and denies bucket creation and deletion", () => {
    const { stack, server } = serverStack();
    server.addUser('alice', {
      logicalDirectories: [
        { entry: '/in', target: 'partners/acme/in' },
        { entry: '/out', target: 'partners/acme/out' },
      ],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'transfer.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
    const policy = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('Useralice') } }),
    )[0]!;
    const statements = resolveWith(policy.Properties.PolicyDocument.Statement, fakeRefs) as Statement[];
    const bySid: Record<string, Statement> = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.ListOwnPrefixes?.Condition).toEqual({
      StringLike: {
        's3:prefix': ['partners/acme/in', 'partners/acme/in/*', 'partners/acme/out', 'partners/acme/out/*'],
      },
    });
    const bucketArn = bySid.ListOwnPrefixes?.Resource;
    expect(bySid.ReadWriteOwnObjects?.Resource).toEqual([
      `${bucketArn}/partners/acme/in/*`,
      `${bucketArn}/partners/acme/out/*`,
    ]);
    expect(bySid.NeverCreateOrDeleteBuckets).toMatchObject({
      Effect: 'Deny',
      Action: ['s3:CreateBucket', 's3:DeleteBucket'],
      Resource: '*',
    });
    for (const s of statements.filter((s) => s.Effect === 'Allow')) {
      expect([s.Action].flat().join()).not.toMatch(/\*|Bucket(Policy|Acl)|CreateBucket|DeleteBucket/);
    }
    const secret = deployedSecret(template);
    expect(JSON.parse(secret.template.HomeDirectoryDetails as string)).toEqual([
      { Entry: '/in', Target: expect.stringMatching(/\/partners\/acme\/in$/) },
      { Entry: '/out', Target: expect.stringMatching(/\/partners\/acme\/out$/) },
    ]);
  });

  it('leaves the secret to the operator on request, still creating the scoped role', () => {
    const { stack, server } = serverStack();
    const user = server.addUser('carol', { password: PasswordSource.OPERATOR });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(user.secret).toBeUndefined();
    expect(resolveWith(stack.resolve(user.secretName), fakeRefs)).toBe('aws/transfer/s-0123456789abcdef0/carol');
    template.hasResourceProperties('AWS::IAM::Role', { Description: Match.stringLikeRegexp('carol') });
  });

  it('uses a given role instead of creating one', () => {
    const { stack, server } = serverStack();
    const role = iam.Role.fromRoleArn(stack, 'Given', 'arn:aws:iam::111111111111:role/ftp-users');
    server.addUser('bob', { role });
    const template = Template.fromStack(stack);
    expect(
      template.findResources('AWS::IAM::Role', { Properties: { Description: Match.stringLikeRegexp('bob') } }),
    ).toEqual({});
    expect(deployedSecret(template).template.Role).toBe('arn:aws:iam::111111111111:role/ftp-users');
  });

  it('accepts exactly the user names the IdP (and Transfer) accepts', () => {
    const valid = USER_NAME_PATTERN;
    // FACTS.md: 3 to 100 characters, a word character first.
    expect(['abc', 'a@b.c-d', 'x'.repeat(100)].every((name) => valid.test(name))).toBe(true);
    expect(['ab', '-abc', '.abc', 'a b c', 'x'.repeat(101)].some((name) => valid.test(name))).toBe(false);
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 110 }), (name) => {
        const { server } = serverStack();
        let error: unknown;
        try {
          server.addUser(name);
        } catch (e) {
          error = e;
        }
        if (valid.test(name)) expect(error).toBeUndefined();
        else expect(InvalidPropError.isInstance(error) && error.prop === 'addUser(name)').toBe(true);
      }),
      { numRuns: 40, examples: [['ab'], ['abc'], ['-abc'], ['a b c'], ['x'.repeat(100)], ['x'.repeat(101)]] },
    );
  });

  it('rejects directories, duplicates and protocols that cannot work, naming the option', () => {
    const cases: Array<[string, Parameters<ReturnType<typeof serverStack>['server']['addUser']>[1], string]> = [
      ['u1x', { homeDirectory: '/abs' }, 'FtpUserOptions.homeDirectory'],
      ['u2x', { homeDirectory: 'trailing/' }, 'FtpUserOptions.homeDirectory'],
      ['u3x', { homeDirectory: 'a/*' }, 'FtpUserOptions.homeDirectory'],
      ['u4x', { logicalDirectories: [{ entry: 'in', target: 'x' }] }, 'FtpUserOptions.logicalDirectories[].entry'],
      ['u5x', { logicalDirectories: [] }, 'FtpUserOptions.logicalDirectories'],
      [
        'u6x',
        { homeDirectory: 'a', logicalDirectories: [{ entry: '/', target: 'a' }] },
        'FtpUserOptions.homeDirectory',
      ],
      ['u7x', { protocols: ['FTPS'] }, 'FtpUserOptions.protocols'],
      // The IdP would deny every login of such a user (invalid-secret): refuse it at synth instead.
      ['u8x', { sourceCidrs: ['10.0.0.0/33'] }, 'FtpUserOptions.sourceCidrs'],
      ['u9x', { sourceCidrs: ['10.1.0.0/16', 'office'] }, 'FtpUserOptions.sourceCidrs'],
    ];
    for (const [name, options, prop] of cases) {
      const { server } = serverStack();
      expect(() => server.addUser(name, options), prop).toThrow(expect.objectContaining({ prop }));
    }
    const { server } = serverStack();
    server.addUser('same');
    expect(() => server.addUser('same')).toThrow(expect.objectContaining({ prop: 'addUser(name)' }));
  });
});
