/** The reply a command chose; thrown as well as returned, to answer early from deep inside a command. */
export class Reply {
  constructor(
    readonly code: number,
    readonly lines: string[],
  ) {}
}

/** A reply already written to the socket (AUTH TLS answers 234 in clear before the socket turns into TLS). */
export class AlreadySentReply extends Reply {
  constructor(code: number) {
    super(code, []);
  }
}
