import { DeadlineError, UnexpectedReplyError } from '../errors.js';
import { PassiveDataChannel } from '../ftp/data-connection.js';
import { expectReply } from '../ftp/expect-reply.js';
import { addressKind, parseEpsvReply, parsePasvReply } from '../ftp/passive-reply.js';
import type { ProbeSession, StepContext } from '../session.js';

/** The outcome of one data connection attempt, as recorded in the evidence. */
export interface DataConnectAttempt {
  host: string;
  port: number;
  result: 'connected' | 'timed-out' | 'refused' | 'error';
  ms: number;
  error?: string;
}

async function attempt(
  session: ProbeSession,
  host: string,
  port: number,
): Promise<{ record: DataConnectAttempt; channel?: PassiveDataChannel; error?: Error }> {
  const started = performance.now();
  session.transcript.add('event', `data connection to ${host}:${port}`);
  try {
    const channel = await PassiveDataChannel.open(host, port, session.deadline.budget(session.timeouts.dataConnect));
    session.transcript.add('event', `data connection open ${channel.local} -> ${channel.remote}`);
    return { record: { host, port, result: 'connected', ms: channel.connectMs }, channel };
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    const code = (error as NodeJS.ErrnoException).code;
    const result = DeadlineError.isInstance(error) ? 'timed-out' : code === 'ECONNREFUSED' ? 'refused' : 'error';
    session.transcript.add('event', `data connection ${result}: ${error.message}`);
    const record: DataConnectAttempt = { host, port, result, ms: Math.round(performance.now() - started) };
    if (result === 'error') record.error = code ?? error.message;
    return { record, error };
  }
}

/** Step 7a: EPSV, then a data connection to the control host on the advertised port. */
export async function tryEpsv(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  const reply = await control.send('EPSV', session.deadline.budget(session.timeouts.reply));
  step.evidence.replyCode = reply.code;
  step.evidence.phase = 'reply';
  expectReply('EPSV', reply, [229]);
  const advertised = parseEpsvReply(reply);
  if (!advertised) throw new UnexpectedReplyError('EPSV (unparseable port)', reply);
  step.evidence.port = advertised.port;
  step.evidence.phase = 'data-connect';
  const host = control.socket.remoteAddress ?? session.address!;
  const { record, channel, error } = await attempt(session, host, advertised.port);
  step.evidence.dataConnect = [record];
  if (!channel) throw error;
  step.local = channel.local;
  step.remote = channel.remote;
  channel.close();
  session.passiveMode ??= { command: 'EPSV' };
  return `port ${advertised.port} on the control host: connected in ${record.ms} ms`;
}

/** Step 7b: PASV, the advertised address checked, then data connections to it and, when it differs, the control host. */
export async function tryPasv(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  const reply = await control.send('PASV', session.deadline.budget(session.timeouts.reply));
  step.evidence.replyCode = reply.code;
  step.evidence.phase = 'reply';
  expectReply('PASV', reply, [227]);
  const advertised = parsePasvReply(reply);
  if (!advertised?.host) throw new UnexpectedReplyError('PASV (unparseable address)', reply);
  const controlHost = control.socket.remoteAddress ?? session.address!;
  const kind = addressKind(advertised.host);
  const differs = advertised.host !== controlHost.replace(/^::ffff:/, '');
  Object.assign(step.evidence, {
    advertisedHost: advertised.host,
    port: advertised.port,
    addressKind: kind,
    controlHost,
    controlHostKind: addressKind(controlHost),
    differsFromControlHost: differs,
    phase: 'data-connect',
  });
  const attempts: DataConnectAttempt[] = [];
  step.evidence.dataConnect = attempts;
  let first: Awaited<ReturnType<typeof attempt>> | undefined;
  if (kind !== 'unspecified') {
    first = await attempt(session, advertised.host, advertised.port);
    attempts.push(first.record);
    if (first.channel) {
      keep(session, step, first.channel, { command: 'PASV', useControlHost: false });
      const note = differs ? ` (differs from the control host ${controlHost}, ${kind})` : '';
      return `${advertised.host}:${advertised.port}${note}: connected in ${first.record.ms} ms`;
    }
  }
  if (!differs) throw first!.error;
  const fallback = await attempt(session, controlHost, advertised.port);
  attempts.push(fallback.record);
  step.evidence.controlHostWorks = fallback.record.result === 'connected';
  if (fallback.channel) keep(session, step, fallback.channel, { command: 'PASV', useControlHost: true });
  if (kind === 'unspecified' && fallback.channel) {
    return `advertised 0.0.0.0 (PassiveIp 0.0.0.0): control host ${controlHost}:${advertised.port} connected in ${fallback.record.ms} ms`;
  }
  throw first?.error ?? fallback.error;
}

function keep(
  session: ProbeSession,
  step: StepContext,
  channel: PassiveDataChannel,
  mode: { command: 'PASV'; useControlHost: boolean },
) {
  step.local = channel.local;
  step.remote = channel.remote;
  session.openChannel?.close();
  session.openChannel = channel;
  // EPSV is preferred when it works: it is what curl and basic-ftp use first.
  session.passiveMode ??= mode;
}
