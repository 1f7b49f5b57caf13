import { defineConfig } from 'vitest/config';

// Benchmarks are scripts that measure and print ratios; they are not part of the test suite.
export default defineConfig({
  test: { include: ['bench/**/*.bench.ts'], testTimeout: 15 * 60_000, hookTimeout: 60_000, fileParallelism: false },
});
