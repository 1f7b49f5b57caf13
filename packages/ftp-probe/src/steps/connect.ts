import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { within } from '../deadline.js';
import { ControlConnection } from '../ftp/control-connection.js';
import { expectReply } from '../ftp/expect-reply.js';
import type { ProbeSession, StepContext } from '../session.js';

/** Step 1: every address the host resolves to; the first one is used. */
export async function resolveHost(session: ProbeSession, step: StepContext): Promise<string> {
  const { host } = session.target;
  if (isIP(host)) {
    session.address = host;
    step.evidence.addresses = [host];
    return `${host} is an IP address (no lookup needed)`;
  }
  const answers = await within(
    lookup(host, { all: true, verbatim: true }),
    session.deadline.budget(session.timeouts.dns),
    `DNS lookup of ${host}`,
  );
  const addresses = answers.map((answer) => answer.address);
  step.evidence.addresses = addresses;
  session.address = addresses[0];
  return `${host} -> ${addresses.join(', ')}`;
}

/** Step 2: TCP to the control port. */
export async function connectControl(session: ProbeSession, step: StepContext): Promise<string> {
  const address = session.address!;
  step.remote = `${address}:${session.target.port}`;
  session.transcript.add('event', `connecting to ${step.remote}`);
  const started = performance.now();
  session.control = await ControlConnection.open(
    address,
    session.target.port,
    session.deadline.budget(session.timeouts.connect),
    session.transcript,
  );
  step.local = session.control.local;
  step.evidence.connectMs = Math.round(performance.now() - started);
  return `connected ${step.local} -> ${step.remote}`;
}

/** Step 3: the greeting. `120` (ready in n minutes) is followed by the real 220. */
export async function readBanner(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  step.local = control.local;
  step.remote = control.remote;
  let reply = await control.readReply(session.deadline.budget(session.timeouts.reply), 'banner');
  if (reply.code === 120) reply = await control.readReply(session.deadline.budget(session.timeouts.reply), 'banner');
  expectReply('banner', reply, [220]);
  step.evidence.banner = reply.lines.join('\n');
  return reply.lines[0]!;
}
