#!/usr/bin/env node
import { runCli } from './run.js';

// The SDK's notice that its 2027 releases need Node 22 is the README's Node policy, not part of every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A DNS lookup cannot be cancelled: once the verdict is out (and written), nothing may keep the process alive.
process.stdout.write('', () => setTimeout(() => process.exit(code), 500).unref());
