import { defineConfig } from 'vitest/config';
import { RatioReporter } from './ratio-reporter.js';

/** The `vitest.bench.config.ts` of every package: `bench/**\/*.bench.ts`, one ratio table at the end. */
export function benchConfig() {
  return defineConfig({
    test: {
      benchmark: { include: ['bench/**/*.bench.ts'], reporters: ['default', new RatioReporter()] },
      // Benchmarks start real servers and move real bytes: their setup may take minutes on a busy machine.
      hookTimeout: 600_000,
      // One bench file at a time: two files sharing the CPU would measure each other.
      fileParallelism: false,
      testTimeout: 600_000,
    },
  });
}
