import { SessionPolicy, substituteTransferVariables } from './session-policy.js';

/** One logical directory: a virtual path shown to the user and the `/bucket/prefix` it stands for. */
export interface DirectoryMapping {
  entry: string;
  target: string;
}

/** What a successful login grants: where the user lands, what they see, what the policy allows. */
export interface UserAccess {
  role: string;
  homeDirectoryType: 'PATH' | 'LOGICAL';
  mappings: DirectoryMapping[];
  initialDirectory: string;
  policy: SessionPolicy | undefined;
}

export type AccessDecision = { allowed: true; access: UserAccess } | { allowed: false; reason: string };

const deny = (reason: string): AccessDecision => ({ allowed: false, reason });

function trimSlashes(path: string): string {
  return `/${path.split('/').filter(Boolean).join('/')}`;
}

/** Applies an identity provider response the way Transfer does: no Role is a deny, and malformed homes deny too. */
export function decideAccess(response: unknown, userName: string): AccessDecision {
  if (typeof response !== 'object' || response === null) return deny('response is not an object');
  const r = response as Record<string, unknown>;
  if (typeof r.Role !== 'string' || r.Role.trim() === '') return deny('no Role in response');
  const type = r.HomeDirectoryType ?? (r.HomeDirectoryDetails !== undefined ? 'LOGICAL' : 'PATH');
  if (type !== 'PATH' && type !== 'LOGICAL') return deny(`HomeDirectoryType must be PATH or LOGICAL, got ${type}`);
  if (r.HomeDirectory !== undefined && (typeof r.HomeDirectory !== 'string' || !r.HomeDirectory.startsWith('/'))) {
    return deny('HomeDirectory must be a string starting with /');
  }
  const homeDirectory = r.HomeDirectory as string | undefined;

  let mappings: DirectoryMapping[];
  if (type === 'LOGICAL') {
    // Transfer rejects a list here ("Unable to parse Json"): HomeDirectoryDetails must be a JSON string.
    if (typeof r.HomeDirectoryDetails !== 'string') return deny('HomeDirectoryDetails must be a JSON string');
    let details: unknown;
    try {
      details = JSON.parse(r.HomeDirectoryDetails);
    } catch {
      return deny('HomeDirectoryDetails: Unable to parse Json');
    }
    if (!Array.isArray(details) || details.length === 0) return deny('HomeDirectoryDetails must be a non-empty list');
    mappings = [];
    for (const item of details as Array<Record<string, unknown>>) {
      const { Entry, Target } = item ?? {};
      if (typeof Entry !== 'string' || !Entry.startsWith('/')) return deny('every Entry must start with /');
      if (typeof Target !== 'string' || !Target.startsWith('/') || Target.endsWith('/')) {
        return deny(`Target ${JSON.stringify(Target)} must start with / and not end with /`);
      }
      if (Entry.split('/').includes('..') || Target.split('/').includes('..')) return deny('.. is not allowed');
      mappings.push({ entry: trimSlashes(Entry), target: trimSlashes(Target) });
    }
  } else {
    mappings = [{ entry: '/', target: '/' }];
  }

  let policy: SessionPolicy | undefined;
  if (r.Policy !== undefined) {
    if (typeof r.Policy !== 'string') return deny('Policy must be a JSON string');
    if (r.Policy.length > 2048) return deny('Policy is longer than 2048 characters');
    const home = homeDirectory ?? mappings.find((m) => m.entry === '/')?.target ?? '/';
    try {
      policy = SessionPolicy.parse(substituteTransferVariables(r.Policy, { userName, homeDirectory: home }));
    } catch (error) {
      return deny(`Policy is not a valid policy document: ${(error as Error).message}`);
    }
  }

  return {
    allowed: true,
    access: {
      role: r.Role,
      homeDirectoryType: type,
      mappings,
      initialDirectory: type === 'LOGICAL' ? '/' : homeDirectory ? trimSlashes(homeDirectory) : '/',
      policy,
    },
  };
}
