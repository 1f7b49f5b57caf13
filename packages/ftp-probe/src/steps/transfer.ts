import { createHash, randomBytes } from 'node:crypto';
import { within } from '../deadline.js';
import { ChecksumMismatchError, UnexpectedReplyError } from '../errors.js';
import { PassiveDataChannel } from '../ftp/data-connection.js';
import { expectReply } from '../ftp/expect-reply.js';
import { parseEpsvReply, parsePasvReply } from '../ftp/passive-reply.js';
import type { ProbeSession, StepContext } from '../session.js';

/** A data connection for the next transfer: the one left open by the PASV step, else a new one in the mode that worked. */
async function openData(session: ProbeSession): Promise<PassiveDataChannel> {
  const open = session.openChannel;
  if (open) {
    session.openChannel = undefined;
    return open;
  }
  const control = session.control!;
  const mode = session.passiveMode!;
  const reply = expectReply(
    mode.command,
    await control.send(mode.command, session.deadline.budget(session.timeouts.reply)),
    [mode.command === 'EPSV' ? 229 : 227],
  );
  const address = mode.command === 'EPSV' ? parseEpsvReply(reply) : parsePasvReply(reply);
  if (!address) throw new UnexpectedReplyError(`${mode.command} (unparseable)`, reply);
  const controlHost = control.socket.remoteAddress ?? session.address!;
  const host = mode.command === 'PASV' && !mode.useControlHost ? address.host! : controlHost;
  return PassiveDataChannel.open(host, address.port, session.deadline.budget(session.timeouts.dataConnect));
}

/**
 * Runs one data command over a data connection: time to 150, then data and 226, all within the transfer deadline.
 * `step.evidence.phase` says where it stopped: `before-150` (nothing yet) or `after-150` (transfer started).
 */
async function transfer(
  session: ProbeSession,
  step: StepContext,
  command: string,
  upload?: Buffer,
): Promise<{ data: Buffer; bytes: number; timeTo150Ms: number; totalMs: number }> {
  const control = session.control!;
  const started = performance.now();
  let channel = await openData(session);
  // The budget runs from the command (as documented), and opening the data connection may have used up the global one.
  const budget = session.deadline.budget(session.timeouts.transfer);
  const commandAt = performance.now();
  const left = () => Math.max(0, budget - Math.round(performance.now() - commandAt));
  step.local = channel.local;
  step.remote = channel.remote;
  step.evidence.phase = 'before-150';
  try {
    const first = control.send(command, budget);
    // The TLS handshake runs while we wait for 150, so an error reply is never hidden behind a stalled handshake.
    const secured = session.dataTls ? channel.secure(session.dataTls) : undefined;
    secured?.catch(() => {});
    const preliminary = expectReply(command.split(' ')[0]!, await first, [125, 150]);
    const timeTo150Ms = Math.round(performance.now() - started);
    step.evidence.timeTo150Ms = timeTo150Ms;
    step.evidence.preliminaryReply = preliminary.lines[0];
    step.evidence.phase = 'after-150';
    if (secured) {
      const tls = await within(secured, left(), 'TLS on the data connection');
      channel = tls.channel;
      step.evidence.tlsSessionReused = tls.sessionReused;
    }
    const remaining = left();
    const reader = upload ? undefined : channel.readAll();
    const sent = upload ? channel.writeAll(upload) : Promise.resolve();
    const [data, final] = await within(
      Promise.all([
        reader?.done ?? sent.then(() => Buffer.alloc(0)),
        control.readReply(remaining, `226 after ${command.split(' ')[0]}`),
      ]),
      remaining,
      `transfer of ${command.split(' ')[0]} after 150`,
    ).catch((error: unknown) => {
      step.evidence.bytesReceived = reader?.received() ?? 0;
      throw error;
    });
    expectReply(command.split(' ')[0]!, final, [226, 250]);
    step.evidence.phase = 'complete';
    return {
      data,
      bytes: upload ? upload.length : (reader?.received() ?? 0),
      timeTo150Ms,
      totalMs: Math.round(performance.now() - started),
    };
  } finally {
    channel.close();
  }
}

/** Step 8: MLSD when the server advertises MLST, else LIST. */
export async function listHome(session: ProbeSession, step: StepContext): Promise<string> {
  const command = session.features.includes('MLST') ? 'MLSD' : 'LIST';
  step.evidence.command = command;
  step.evidence.mode = session.openChannel ? 'PASV (connection from the PASV step)' : session.passiveMode?.command;
  const result = await transfer(session, step, command);
  const entries = result.data.toString('utf8').split(/\r?\n/).filter(Boolean).length;
  Object.assign(step.evidence, { bytes: result.bytes, entries, totalMs: result.totalMs });
  return `${command}: 150 after ${result.timeTo150Ms} ms, ${entries} ${entries === 1 ? 'entry' : 'entries'} (${result.bytes} bytes), 226 after ${result.totalMs} ms`;
}

/** Step 9: upload a small unique file, read it back, compare checksums, delete it. */
export async function writeReadDelete(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  const name = `.ftp-probe-${Date.now()}-${randomBytes(4).toString('hex')}.txt`;
  const content = Buffer.from(`ftp-probe write test ${new Date().toISOString()} ${randomBytes(16).toString('hex')}\n`);
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  step.evidence.file = name;
  step.evidence.stage = 'STOR';
  let stored = false;
  try {
    await transfer(session, step, `STOR ${name}`, content);
    stored = true;
    step.evidence.stage = 'RETR';
    const back = await transfer(session, step, `RETR ${name}`);
    step.evidence.checksumSent = sha256(content);
    step.evidence.checksumReceived = sha256(back.data);
    if (!back.data.equals(content)) {
      throw new ChecksumMismatchError(
        `${name}: read back ${back.data.length} bytes that differ from the ${content.length} written`,
      );
    }
    step.evidence.stage = 'DELE';
    expectReply('DELE', await control.send(`DELE ${name}`, session.deadline.budget(session.timeouts.reply)), [250]);
    stored = false;
    return `${content.length} bytes written, read back (sha256 matches), deleted`;
  } finally {
    // Never leave the test file behind, even when reading it back failed.
    if (stored) await control.send(`DELE ${name}`, Math.min(1000, session.deadline.remainingMs())).catch(() => {});
  }
}
