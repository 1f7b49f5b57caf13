import { writeFile } from 'node:fs/promises';
import { OutputFileError, SnapshotError, SnapshotVersionError } from '../errors.js';
import { TOPOLOGY_VERSION, type Topology } from '../model.js';
import { readInput } from './template-file.js';

const LISTS = [
  'vpcs',
  'subnets',
  'routeTables',
  'securityGroups',
  'networkAcls',
  'peeringConnections',
  'vpcEndpoints',
  'transferServers',
  'lambdaFunctions',
  'roles',
  'instances',
  'secrets',
  'buckets',
  'vpnGateways',
  'vpnConnections',
  'customerGateways',
  'transitGateways',
  'transitGatewayAttachments',
  'transitGatewayRouteTables',
  'unresolved',
] as const;

/** Writes a topology as a snapshot file, to share a run or replay it later. */
export async function writeSnapshot(topology: Topology, file: string): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(topology, null, 2)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutputFileError(`The snapshot ${file} cannot be written (${code}); pass a path in a writable folder.`, {
      cause: error,
    });
  }
}

/** Reads a snapshot written by `writeSnapshot` (or `network-check ... --snapshot-out`). */
export async function loadSnapshot(file: string): Promise<Topology> {
  const text = await readInput(file, 'snapshot');
  return parseSnapshot(text, file);
}

export function parseSnapshot(text: string, file: string): Topology {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // No cause on purpose: V8's JSON.parse messages quote the text.
    throw new SnapshotError(`${file} is not valid JSON; a snapshot is the JSON network-check writes.`);
  }
  const topology = value as Partial<Topology> | null;
  if (typeof topology !== 'object' || topology === null || !('version' in topology)) {
    throw new SnapshotError(`${file} is not a network-check snapshot (no "version" field).`);
  }
  // Version 1 had no buckets, 2 no VPN gateways or connections, 3 no transit gateways; the rest reads the same.
  if ((topology.version as number) === 1) Object.assign(topology, { version: 2, buckets: [] });
  if ((topology.version as number) === 2) Object.assign(topology, { version: 3, vpnGateways: [], vpnConnections: [] });
  if ((topology.version as number) === 3) {
    Object.assign(topology, {
      version: TOPOLOGY_VERSION,
      customerGateways: [],
      transitGateways: [],
      transitGatewayAttachments: [],
      transitGatewayRouteTables: [],
    });
  }
  if (topology.version !== TOPOLOGY_VERSION) {
    throw new SnapshotVersionError(
      `${file} is a version ${String(topology.version)} snapshot; this network-check reads version ${TOPOLOGY_VERSION}. Write it again with this version.`,
    );
  }
  for (const list of LISTS) {
    const entries: unknown = topology[list];
    if (!Array.isArray(entries)) {
      throw new SnapshotError(`${file} is not a complete snapshot: "${list}" must be a list.`);
    }
    const bad = entries.findIndex((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry));
    if (bad >= 0) throw new SnapshotError(`${file} is not a valid snapshot: "${list}[${bad}]" must be an object.`);
  }
  return { ...(topology as Topology), source: { kind: 'snapshot', location: file } };
}
