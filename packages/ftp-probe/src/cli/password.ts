import { UsageError } from '../errors.js';

/** Where the password comes from, in order: --password-stdin, FTP_PASSWORD, a no-echo prompt on a terminal. */
export async function readPassword(
  fromStdin: boolean,
  prompt: string,
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (fromStdin) {
    if (stdin.isTTY) return promptHidden(prompt, stdin, stderr);
    let text = '';
    stdin.setEncoding('utf8');
    // Only the first line: a pipe left open (a CI runner's stdin) must not hold the probe forever.
    for await (const chunk of stdin) {
      text += chunk;
      if (text.includes('\n')) break;
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new UsageError('--password-stdin: standard input was empty (pipe the password into it)');
    return line;
  }
  const fromEnv = process.env.FTP_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (stdin.isTTY) return promptHidden(prompt, stdin, stderr);
  throw new UsageError('no password: pipe it with --password-stdin, or set FTP_PASSWORD');
}

/** Reads a line from the terminal in raw mode, echoing nothing. */
function promptHidden(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  // Echo off before the prompt shows, so nothing typed after it can be echoed.
  stdin.setRawMode(true);
  stderr.write(prompt);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
