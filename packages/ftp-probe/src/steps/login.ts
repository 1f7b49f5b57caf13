import { expectReply } from '../ftp/expect-reply.js';
import type { ProbeSession, StepContext } from '../session.js';
import { REDACTED } from '../transcript.js';

/** Step 5: USER and PASS. The PASS line is redacted in the transcript. */
export async function logIn(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  step.local = control.local;
  step.remote = control.remote;
  const user = await control.send(`USER ${session.target.user}`, session.deadline.budget(session.timeouts.reply));
  expectReply('USER', user, [230, 331]);
  if (user.code === 230) return `${user.lines[0]} (no password asked)`;
  const started = performance.now();
  const pass = await control.send(
    `PASS ${session.options.password}`,
    session.deadline.budget(session.timeouts.login),
    `PASS ${REDACTED}`,
  );
  step.evidence.passReplyMs = Math.round(performance.now() - started);
  step.evidence.replyCode = pass.code;
  expectReply('PASS', pass, [230, 202]);
  return pass.lines[0]!;
}

/** Step 6: FEAT (optional for the server), PWD and TYPE I. */
export async function prepareSession(session: ProbeSession, step: StepContext): Promise<string> {
  const control = session.control!;
  const budget = () => session.deadline.budget(session.timeouts.reply);
  step.local = control.local;
  step.remote = control.remote;
  const feat = await control.send('FEAT', budget());
  session.features =
    feat.code === 211 ? feat.lines.slice(1, -1).map((line) => line.trim().split(' ')[0]!.toUpperCase()) : [];
  step.evidence.features = session.features;
  const pwd = expectReply('PWD', await control.send('PWD', budget()), [257]);
  const cwd = /"((?:[^"]|"")*)"/.exec(pwd.lines[0]!)?.[1]?.replaceAll('""', '"');
  step.evidence.workingDirectory = cwd;
  expectReply('TYPE', await control.send('TYPE I', budget()), [200]);
  return `home ${cwd ?? '(unparsed)'}, ${session.features.length} features, binary mode`;
}
