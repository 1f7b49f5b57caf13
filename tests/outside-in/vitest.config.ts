import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    // npm, tsc and synth on a loaded 2-core machine: minutes, not seconds.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
