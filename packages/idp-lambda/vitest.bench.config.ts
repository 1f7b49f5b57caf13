import { benchConfig } from '@closed-ftp/test-support/bench';
import { mergeConfig } from 'vitest/config';

// One bench file at a time: the cold-start runs and the login benches would otherwise share the CPU.
export default mergeConfig(benchConfig(), { test: { fileParallelism: false } });
