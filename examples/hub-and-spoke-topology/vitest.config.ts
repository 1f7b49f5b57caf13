import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Synthesis with cdk-nag and the CDK CLI took 85-105 s on a loaded machine (load 17) in the article example.
  test: { include: ['tests/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
});
