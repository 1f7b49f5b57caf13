import type { ConnectionOptions } from 'node:tls';
import type { Deadline } from './deadline.js';
import type { ControlConnection } from './ftp/control-connection.js';
import type { PassiveDataChannel } from './ftp/data-connection.js';
import type { ProbeOptions, StepTimeouts } from './options.js';
import type { ProbeTarget } from './target.js';
import type { Transcript } from './transcript.js';

/** Which passive command opens data connections for the listing and the write test. */
export type PassiveMode = { command: 'EPSV' } | { command: 'PASV'; useControlHost: boolean };

/** What the steps share while the probe runs. */
export interface ProbeSession {
  readonly target: ProbeTarget;
  readonly options: ProbeOptions;
  readonly timeouts: StepTimeouts;
  readonly deadline: Deadline;
  readonly transcript: Transcript;
  /** The address the control connection goes to (first DNS answer). */
  address?: string;
  control?: ControlConnection;
  /** FEAT lines, upper-cased keywords. */
  features: string[];
  /** TLS options for data connections when PROT P is on. */
  dataTls?: ConnectionOptions;
  /** The passive mode that worked, for the listing and the write test. */
  passiveMode?: PassiveMode;
  /** A data connection already open from the PASV step, reused by the listing. */
  openChannel?: PassiveDataChannel;
}

/** What a step can record besides its summary. */
export interface StepContext {
  evidence: Record<string, unknown>;
  local?: string;
  remote?: string;
}
