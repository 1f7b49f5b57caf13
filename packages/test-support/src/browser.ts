import { type Browser, chromium, type LaunchOptions } from 'playwright-core';
import { requireBinary } from './processes.js';

// This machine's network is closed: without these, Chromium's background services retry refused connections.
const CLOSED_NETWORK_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's headless Chromium (never a downloaded browser), driven by playwright-core; `close()` it when done. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = requireBinary('/usr/bin/chromium', 'chromium');
  return chromium.launch({
    ...options,
    executablePath,
    headless: true,
    args: [...CLOSED_NETWORK_FLAGS, ...(options.args ?? [])],
  });
}
