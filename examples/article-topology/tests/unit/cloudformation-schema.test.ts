import { expectAssemblyAcceptedByCloudFormation } from '@closed-ftp/test-support/cloudformation-schema';
import { describe, it } from 'vitest';
import { VARIANTS } from '../../src/index.js';
import { freshApp, useTestApps } from '../support/synth.js';

useTestApps();

describe('the article topology, as CloudFormation would take it', () => {
  it.each(VARIANTS)(
    'synthesizes a %s template its resource schemas accept (types, names, required, enums)',
    (variant) => {
      expectAssemblyAcceptedByCloudFormation(freshApp(variant).synth().directory);
    },
  );
});
