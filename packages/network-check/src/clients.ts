// Client networks the input does not hold (on-premises, other accounts), given as `10.20.0.0/16` or, to say where
// the network enters AWS, `192.168.0.0/16@tgw-attach-0abc` (a transit gateway attachment, VPN connection or VPN
// gateway, by id; in a template or CDK app, by logical id).
import { parseCidr } from './analysis/cidr.js';
import type { DeclaredClient } from './analysis/topology-index.js';
import { ClientCidrError } from './errors.js';

/** A client network outside the input: a CIDR and, optionally, the gateway or attachment it enters by. */
export type ClientNetwork = DeclaredClient;

/** `10.20.0.0/16` or `10.20.0.0/16@vgw-0abc` as a client network; an object is checked the same way. */
export function parseClientNetwork(value: string | ClientNetwork): ClientNetwork {
  const given = typeof value === 'string' ? splitEntry(value) : value;
  const cidr = String(given.cidr ?? '').trim();
  if (parseCidr(cidr) === undefined) {
    throw new ClientCidrError(
      `Client CIDR ${JSON.stringify(cidr)} is not an IPv4 CIDR block; write it like 10.20.0.0/16 (or 10.20.0.0/16@vgw-0abc to name where it enters AWS).`,
    );
  }
  if (given.via === undefined) return { cidr };
  const via = String(given.via).trim();
  if (via === '') {
    throw new ClientCidrError(
      `Client network ${cidr}@ names no gateway after the @; write ${cidr}@<attachment, VPN connection or VPN gateway id>, or leave out the @.`,
    );
  }
  return { cidr, via };
}

function splitEntry(text: string): ClientNetwork {
  const at = text.indexOf('@');
  return at < 0 ? { cidr: text } : { cidr: text.slice(0, at), via: text.slice(at + 1) };
}

export function parseClientNetworks(values: readonly (string | ClientNetwork)[] = []): ClientNetwork[] {
  return values.map(parseClientNetwork);
}

/** The error for a `via` the input does not hold: the fix names what it may be. */
export function unknownEntryError(client: ClientNetwork): ClientCidrError {
  return new ClientCidrError(
    `Client network ${client.cidr}@${client.via}: ${client.via} is not a transit gateway attachment, VPN connection or VPN gateway of the input; name one that is (e.g. tgw-attach-0abc, vgw-0abc, or its logical id), or leave out @${client.via} to infer it from the routes.`,
  );
}
