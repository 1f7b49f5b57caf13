import { Deadline } from './deadline.js';
import { diagnose } from './diagnosis/diagnose.js';
import { DeadlineError, UnexpectedReplyError } from './errors.js';
import { type ProbeOptions, resolveStepTimeouts } from './options.js';
import { type ProbeReport, STEPS, type StepName, type StepResult, type Verdict } from './report.js';
import type { ProbeSession, StepContext } from './session.js';
import { connectControl, readBanner, resolveHost } from './steps/connect.js';
import { logIn, prepareSession } from './steps/login.js';
import { tryEpsv, tryPasv } from './steps/passive.js';
import { secureControl } from './steps/secure.js';
import { listHome, writeReadDelete } from './steps/transfer.js';
import { checkTarget, type ProbeTarget, parseTarget, targetUrl } from './target.js';
import { redactor, scrub, Transcript } from './transcript.js';

/**
 * Probes an FTP/FTPS endpoint step by step (DNS, TCP, banner, TLS, login, session, EPSV, PASV, listing, optional
 * write and IdP test) within a global deadline, and diagnoses the first failure. Never throws for a network or
 * server failure: those are in the report. Throws TargetError/ProbeOptionsError for bad input.
 */
export async function probe(target: string | ProbeTarget, options: ProbeOptions): Promise<ProbeReport> {
  const parsed = typeof target === 'string' ? parseTarget(target) : checkTarget(target);
  const { timeoutMs, steps: timeouts } = resolveStepTimeouts(options);
  const startedAt = new Date();
  const started = performance.now();
  const redact = redactor([options.password]);
  const session: ProbeSession = {
    target: parsed,
    options,
    timeouts,
    deadline: new Deadline(timeoutMs),
    transcript: new Transcript(started, redact),
    features: [],
  };
  const results: StepResult[] = [];

  const run = async (step: StepName, body: (context: StepContext) => Promise<string>): Promise<boolean> => {
    options.onStep?.({ phase: 'start', step, title: STEPS[step] });
    const context: StepContext = { evidence: {} };
    const stepStarted = performance.now();
    let status: StepResult['status'] = 'ok';
    let summary: string;
    try {
      summary = await body(context);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      status = DeadlineError.isInstance(failure) ? 'timed-out' : 'failed';
      summary = failure.message;
      const code = (failure as NodeJS.ErrnoException).code;
      context.evidence.error = { name: failure.name, ...(code ? { code } : {}), message: failure.message };
      if (UnexpectedReplyError.isInstance(failure)) context.evidence.replyCode = failure.reply.code;
    }
    const result: StepResult = {
      step,
      title: STEPS[step],
      status,
      durationMs: Math.round(performance.now() - stepStarted),
      summary,
      transcript: session.transcript.take(),
      ...(context.local ? { local: context.local } : {}),
      ...(context.remote ? { remote: context.remote } : {}),
      evidence: context.evidence,
    };
    const clean = scrub(result, redact);
    results.push(clean);
    options.onStep?.({ phase: 'end', result: clean });
    return status === 'ok';
  };
  const skip = (step: StepName, why: string) => {
    const result: StepResult = {
      step,
      title: STEPS[step],
      status: 'skipped',
      durationMs: 0,
      summary: why,
      transcript: [],
      evidence: {},
    };
    results.push(result);
    options.onStep?.({ phase: 'end', result });
  };

  const skipped = (step: StepName, why: string) => {
    skip(step, why);
    return false;
  };
  try {
    const reached =
      (await run('dns', (c) => resolveHost(session, c))) &&
      (await run('tcp', (c) => connectControl(session, c))) &&
      (await run('banner', (c) => readBanner(session, c))) &&
      (parsed.secure
        ? await run('tls', (c) => secureControl(session, c))
        : !skipped('tls', 'plain FTP (use ftps:// for explicit FTPS)')) &&
      (await run('login', (c) => logIn(session, c))) &&
      (await run('session', (c) => prepareSession(session, c)));
    if (reached) {
      await run('epsv', (c) => tryEpsv(session, c));
      await run('pasv', (c) => tryPasv(session, c));
      const listed = session.passiveMode
        ? await run('list', (c) => listHome(session, c))
        : skipped('list', 'no passive mode worked');
      if (!options.write) skip('write', 'not requested (--write)');
      else if (listed) await run('write', (c) => writeReadDelete(session, c));
      else skip('write', 'the listing failed');
    }
    for (const step of ['tls', 'login', 'session', 'epsv', 'pasv', 'list', 'write'] as const) {
      if (!results.some((r) => r.step === step)) skip(step, 'an earlier step failed');
    }
    if (options.idpTest) {
      const idpTest = options.idpTest;
      await run('idp', async (c) => {
        // Lazy: the AWS SDK is evaluated only when the IdP test runs.
        const { testIdentityProvider } = await import('./idp/test-identity-provider.js');
        return testIdentityProvider(session, c, idpTest);
      });
    }
  } finally {
    session.openChannel?.close();
    await quit(session);
  }

  const order = Object.keys(STEPS);
  results.sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
  const failed = results.find((r) => r.status === 'failed' || r.status === 'timed-out');
  const listed = results.some((r) => r.step === 'list' && r.status === 'ok');
  const verdict: Verdict = !failed ? 'healthy' : listed ? 'degraded' : 'failed';
  const report: ProbeReport = {
    target: {
      url: targetUrl(parsed),
      protocol: parsed.secure ? 'ftps' : 'ftp',
      host: parsed.host,
      port: parsed.port,
      user: parsed.user,
    },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    timeoutMs,
    verdict,
    ...(failed
      ? {
          firstFailure: { step: failed.step, status: failed.status as 'failed' | 'timed-out', summary: failed.summary },
        }
      : {}),
    steps: results,
    causes: [],
  };
  report.causes = diagnose(report, { idpTest: options.idpTest !== undefined });
  return scrub(report, redact);
}

/** QUIT politely, but never wait long for it: the verdict is already known. */
async function quit(session: ProbeSession): Promise<void> {
  const control = session.control;
  if (!control) return;
  await control.send('QUIT', Math.min(500, session.deadline.remainingMs())).catch(() => {});
  session.transcript.take();
  control.close();
}
