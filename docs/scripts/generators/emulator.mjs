// The emulator's options (its --help), faults (FAULT_NAMES) and replies, recorded from a real emulator session.

import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULT_NAMES, startEmulator } from '@closed-ftp/transfer-emulator';
import { FAULT_TEXTS, REPLY_SESSION } from '../data/emulator.mjs';
import { cell, documentedBins, documentedPackages, generatedNotice, plainText, runBin, section } from './workspace.mjs';

const PASSWORD = 'docs-only-password';

/** A control connection that hands out one complete reply (multi-line replies joined) per `next()`. */
function controlConnection(port) {
  const socket = connect(port, '127.0.0.1');
  const replies = [];
  const waiting = [];
  let buffer = '';
  let lines = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      // The last line of a reply is "<code> <text>" with the code of its first line (RFC 959, 4.2).
      if (/^\d{3} /.test(line) && line.slice(0, 3) === lines[0].slice(0, 3)) {
        const reply = lines.join('\n');
        lines = [];
        const resolve = waiting.shift();
        if (resolve) resolve(reply);
        else replies.push(reply);
      }
    }
  });
  const failure = new Promise((_, reject) => {
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error('the emulator sent no reply within 10 s')));
  });
  return {
    next: () =>
      Promise.race([replies.length > 0 ? replies.shift() : new Promise((resolve) => waiting.push(resolve)), failure]),
    send: (line) => socket.write(`${line}\r\n`),
    close: () => socket.destroy(),
  };
}

/** Port numbers change from run to run; the page shows their place, not their value. */
function normalise(reply) {
  return reply.replace(/\(\d+,\d+,\d+,\d+,\d+,\d+\)/, '(h1,h2,h3,h4,p1,p2)').replace(/\(\|\|\|\d+\|\)/, '(|||port|)');
}

async function recordReplies() {
  const root = await mkdtemp(join(tmpdir(), 'closed-ftp-docs-'));
  await mkdir(join(root, 'my-bucket', 'home', 'alice'), { recursive: true });
  const emulator = await startEmulator({
    root,
    port: 0,
    idp: async ({ password }) =>
      password === PASSWORD
        ? { Role: 'arn:aws:iam::111122223333:role/ftp-alice', HomeDirectory: '/my-bucket/home/alice' }
        : {},
    logger: () => {},
  });
  const control = controlConnection(emulator.port);
  try {
    const rows = [];
    for (const { send, why } of REPLY_SESSION) {
      if (send !== null) control.send(send === 'PASS ****' ? `PASS ${PASSWORD}` : send);
      rows.push({ send: send ?? '(connect)', why, reply: normalise(await control.next()) });
    }
    return rows;
  } finally {
    control.close();
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** The fault table of the emulator's README (`| \`name\` | emulates | a client sees |`), which its engineer keeps. */
function readmeFaults() {
  const pkg = documentedPackages().find((entry) => entry.name === '@closed-ftp/transfer-emulator');
  const faults = section(readFileSync(`${pkg.dir}/README.md`, 'utf8'), 'Faults') ?? '';
  const rows = faults.split('\n').map((line) => /^\|\s*`([a-z0-9-]+)`\s*\|(.*)\|(.*)\|\s*$/.exec(line));
  return Object.fromEntries(
    rows.filter(Boolean).map(([, name, emulates, sees]) => [name, { emulates: emulates.trim(), sees: sees.trim() }]),
  );
}

export async function generateEmulator() {
  // The README's words first, then ours; a fault described by neither fails the build.
  const texts = { ...FAULT_TEXTS, ...readmeFaults() };
  const missing = FAULT_NAMES.filter((name) => texts[name] === undefined);
  const stale = Object.keys(FAULT_TEXTS).filter((name) => !FAULT_NAMES.includes(name));
  if (missing.length > 0)
    throw new Error(
      `describe the faults ${missing.join(', ')} in the emulator's README or docs/scripts/data/emulator.mjs`,
    );
  if (stale.length > 0)
    throw new Error(`docs/scripts/data/emulator.mjs describes faults the emulator no longer has: ${stale.join(', ')}`);
  const bin = documentedBins().find((entry) => entry.bin === 'transfer-emulator');
  const help = await runBin(bin.path, ['--help']);
  const replies = await recordReplies();
  const faultRows = FAULT_NAMES.map(
    (name) => `| \`${name}\` | ${plainText(cell(texts[name].emulates))} | ${plainText(cell(texts[name].sees))} |`,
  );
  const replyRows = replies.map(({ send, why, reply }) => `| \`${cell(send)}\` | ${cell(why)} | \`${cell(reply)}\` |`);
  return new Map([
    [
      'reference/emulator.md',
      `${generatedNotice('@closed-ftp/transfer-emulator (its --help, FAULT_NAMES and a recorded session)')}
# Emulator: options, faults and replies

[transfer-emulator](../packages/transfer-emulator) plays a Transfer Family FTP/FTPS endpoint on one machine. The
library takes the same settings as \`startEmulator({...})\` options ([API](../reference/api/)).

## Options

\`\`\`text
${(help.stdout || help.stderr).trimEnd()}
\`\`\`

## Faults

\`--fault <name>\` (repeatable) or \`faults: [...]\`. How to use them: [rehearse failures](../guides/rehearse-failures).

| fault | emulates | a client sees |
| --- | --- | --- |
${faultRows.join('\n')}

## Replies

Recorded from a real emulator session when this page was built (ports replaced by their place). Transfer's exact
texts are not documented; where they are unknown the emulator follows RFC 959, 2428, 3659 and 4217.

| sent | why | reply |
| --- | --- | --- |
${replyRows.join('\n')}
`,
    ],
  ]);
}
