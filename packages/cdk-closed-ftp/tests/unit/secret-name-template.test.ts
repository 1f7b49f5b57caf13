import { checkSecretNameTemplate } from '@closed-ftp/idp-lambda/facts';
import { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClosedFtpError, IdentityProviderFunction, InvalidPropError } from '../../src/index.js';
import { testApp, useTestApps } from '../support/apps.js';
import { serverStack } from '../support/stacks.js';
import { appWithPlugins, synthViolations } from '../support/validation.js';

useTestApps();

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const idpAccepts = (template: string) => thrown(() => checkSecretNameTemplate(template)) === undefined;

describe('ClosedFtpServerProps.secretNameTemplate', () => {
  it('refuses at construct time a template the IdP rejects, where synth used to crash inside cdk-nag (regression)', () => {
    // Before: accepted, then synth died with "Mismatched closing brace ']' at position 116" inside cdk-nag.
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    const error = thrown(() => serverStack({ secretNameTemplate: 'ftp/{server}/{username}' }, app));
    expect(InvalidPropError.isInstance(error)).toBe(true);
    expect(ClosedFtpError.isInstance(error)).toBe(true);
    const invalid = error as InvalidPropError;
    expect(invalid.prop).toBe('ClosedFtpServerProps.secretNameTemplate');
    // The IdP's own words: what is wrong and which placeholders exist.
    expect(invalid.message).toMatch(
      /^ClosedFtpServerProps\.secretNameTemplate: .*uses \{server\}.*\{serverId\} and \{username\}/,
    );
    expect(invalid.cause).toBeInstanceOf(Error);
    expect((invalid.cause as Error).name).toBe('SecretNameTemplateError');
  });

  it('synthesizes cdk-nag clean with a custom template the IdP accepts', () => {
    const app = appWithPlugins((app) => [new AwsSolutionsChecks(app)]);
    const { server } = serverStack({ secretNameTemplate: 'ftp/{serverId}/users/{username}' }, app);
    server.addUser('user1');
    expect(synthViolations(app)).toEqual([]);
  });

  it('accepts exactly the templates the IdP accepts (that start with a fixed prefix)', () => {
    const piece = fc.constantFrom('ftp', '/', '{serverId}', '{username}', '{server}', '{', '}', ']', ' ', 'users', '-');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const template = `x/${pieces.join('')}`;
        const error = thrown(() => serverStack({ secretNameTemplate: template }));
        if (idpAccepts(template)) expect(error).toBeUndefined();
        else expect(InvalidPropError.isInstance(error) && error.prop).toBe('ClosedFtpServerProps.secretNameTemplate');
      }),
      { numRuns: 25, seed: 9, examples: [[['{username}']], [['{server}', '/', '{username}']], [[' ', '{username}']]] },
    );
  });

  it('is checked the same way by IdentityProviderFunction, naming its own prop', () => {
    const stack = new Stack(testApp(), 'Idp');
    const error = thrown(() => new IdentityProviderFunction(stack, 'Idp', { secretNameTemplate: 'ftp/{user}' }));
    expect(InvalidPropError.isInstance(error) && error.prop).toBe('IdentityProviderFunctionProps.secretNameTemplate');
  });
});
