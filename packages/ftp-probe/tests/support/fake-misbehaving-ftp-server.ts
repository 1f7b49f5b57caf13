import { createServer, type Server, type Socket } from 'node:net';

/** How the fake server misbehaves. */
export type Misbehaviour =
  | 'split-multiline' // every reply multi-line where possible, sent in 1-3 byte packets
  | 'garbage-banner' // not an FTP server at all
  | 'garbage-after-login' // binary noise instead of the PWD reply
  | 'silent-after-banner' // greets, then never answers
  | 'close-mid-transfer' // 150, part of the listing, then both connections closed
  | 'echo-password' // 530 reply quoting the password back
  | 'banner-421' // refuses the session
  | 'slow-epsv-stalled-upload' // every EPSV after the first answered after 1 s, STOR never answered
  | 'passive-port-closed' // EPSV and PASV name a port where nothing listens (connections refused)
  | 'refuse-uploads'; // lists, but answers STOR with 550 (no write permission)

/**
 * FakeMisbehavingFtpServer: a scripted FTP server written for the tests. It speaks enough FTP for a probe
 * (USER PASS FEAT PWD TYPE EPSV PASV LIST QUIT) and misbehaves in one chosen way.
 */
export class FakeMisbehavingFtpServer {
  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly port: number,
  ) {}

  static async start(behaviour: Misbehaviour): Promise<FakeMisbehavingFtpServer> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      serve(socket, behaviour, sockets);
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    return new FakeMisbehavingFtpServer(server, sockets, port);
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port that was free a moment ago: a connection to it is refused. */
function closedPort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    }),
  );
}

async function sendSlowly(socket: Socket, text: string): Promise<void> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + (i % 3);
    socket.write(bytes.subarray(i, i + size));
    i += size;
    await new Promise((r) => setImmediate(r));
  }
}

function serve(control: Socket, behaviour: Misbehaviour, sockets: Set<Socket>): void {
  const say = (code: number, text: string) => {
    if (control.destroyed) return Promise.resolve();
    if (behaviour !== 'split-multiline') {
      control.write(`${code} ${text}\r\n`);
      return Promise.resolve();
    }
    return sendSlowly(control, `${code}-${text}\r\n ${code} inner line that looks like an end\r\n${code} done\r\n`);
  };
  let dataServer: Server | undefined;
  let dataSocket: Promise<Socket> | undefined;
  const openPassive = async () => {
    dataServer?.close();
    if (behaviour === 'passive-port-closed') return closedPort();
    const listener = createServer();
    dataServer = listener;
    dataSocket = new Promise((resolve) =>
      listener.once('connection', (socket) => {
        sockets.add(socket);
        socket.on('error', () => {});
        resolve(socket);
      }),
    );
    return new Promise<number>((resolve) =>
      listener.listen(0, '127.0.0.1', () => resolve((listener.address() as { port: number }).port)),
    );
  };
  control.on('close', () => dataServer?.close());

  if (behaviour === 'garbage-banner') {
    control.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
    return;
  }
  if (behaviour === 'banner-421') {
    control.end('421 Too many connections, try later\r\n');
    return;
  }
  void say(220, 'fake server ready');
  if (behaviour === 'silent-after-banner') return;

  let buffered = '';
  let queue = Promise.resolve();
  let epsvCount = 0;
  control.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    let end = buffered.indexOf('\r\n');
    while (end >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      queue = queue.then(() => answer(line));
      end = buffered.indexOf('\r\n');
    }
  });

  const answer = async (line: string) => {
    const [verb = '', ...rest] = line.split(' ');
    switch (verb.toUpperCase()) {
      case 'USER':
        return say(331, 'password please');
      case 'PASS':
        if (behaviour === 'echo-password') return say(530, `password "${rest.join(' ')}" is wrong`);
        return say(230, 'logged in');
      case 'FEAT':
        return say(211, 'no features');
      case 'PWD':
        if (behaviour === 'garbage-after-login') {
          control.write(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0d, 0x0a]));
          return;
        }
        return say(257, '"/" is the directory');
      case 'TYPE':
        return say(200, 'binary');
      case 'EPSV':
        if (behaviour === 'slow-epsv-stalled-upload' && ++epsvCount > 1) await new Promise((r) => setTimeout(r, 1000));
        return say(229, `Entering Extended Passive Mode (|||${await openPassive()}|)`);
      case 'STOR':
        if (behaviour === 'slow-epsv-stalled-upload') return;
        if (behaviour === 'refuse-uploads') return say(550, 'Permission denied');
        return say(502, 'not implemented');
      case 'PASV': {
        const port = await openPassive();
        return say(227, `Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255})`);
      }
      case 'LIST': {
        const data = await dataSocket!;
        await say(150, 'here it comes');
        if (behaviour === 'close-mid-transfer') {
          data.write('-rw-r--r-- 1 ftp ftp 10 Jan 01 00:00 half');
          await new Promise((r) => setTimeout(r, 20));
          data.destroy();
          control.destroy();
          return;
        }
        data.end('-rw-r--r-- 1 ftp ftp 10 Jan 01 00:00 one.txt\r\n-rw-r--r-- 1 ftp ftp 10 Jan 01 00:00 two.txt\r\n');
        await new Promise((r) => data.once('close', r));
        return say(226, 'done');
      }
      case 'QUIT':
        await say(221, 'bye');
        control.end();
        return;
      default:
        return say(502, 'not implemented');
    }
  };
}
