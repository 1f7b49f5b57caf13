// Python's ftplib sends ABOR as TCP urgent data (MSG_OOB): Linux takes the last byte, the LF, out of the stream.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.js';
import { startTestEmulator } from '../support/test-emulator.js';

const SCRIPT = `
import ftplib, sys
ftp = ftplib.FTP()
ftp.connect(sys.argv[1], int(sys.argv[2]), timeout=5)
ftp.login('alice', 'wonderland')
conn = ftp.transfercmd('RETR big.bin')
conn.recv(65536)
print('abort', ftp.abort())
print('then', ftp.getresp())
conn.close()
print('noop', ftp.voidcmd('NOOP'))
ftp.quit()
`;

describe("Python's ftplib", () => {
  it('aborts a running download with ABOR sent as urgent data', async () => {
    await using emulator = await startTestEmulator();
    await writeFile(join(emulator.root, 'bucket/home/alice/big.bin'), Buffer.alloc(64 * 1024 * 1024));
    const result = await runProcess('python3', ['-c', SCRIPT, emulator.host, String(emulator.port)], {
      timeoutMs: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^abort 426 .*\nthen 226 .*\nnoop 200 /);
  });
});
