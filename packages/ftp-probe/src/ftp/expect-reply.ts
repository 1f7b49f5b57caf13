import { UnexpectedReplyError } from '../errors.js';
import type { FtpReply } from './reply-parser.js';

/** Throws unless the reply has one of the expected codes. */
export function expectReply(command: string, reply: FtpReply, codes: number[]): FtpReply {
  if (!codes.includes(reply.code)) throw new UnexpectedReplyError(command, reply);
  return reply;
}
