#!/usr/bin/env node
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A DNS lookup cannot be cancelled: once the verdict is out (and written), nothing may keep the process alive.
process.stdout.write('', () => setTimeout(() => process.exit(code), 500).unref());
