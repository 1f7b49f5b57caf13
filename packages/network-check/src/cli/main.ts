#!/usr/bin/env node
import { runCli } from './run.js';

// The SDK's notice that its 2027 releases need Node 22 is the README's Node policy, not part of every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
