// How live mode makes a call: progress first, every page collected, a failure turned into one LiveCallError that
// names the IAM action and the fix. Shared by every fetch step so each call is bounded the same way.
import { PACKAGE_DOCS_URL } from '../../catalog.js';
import { LiveCallError } from '../../errors.js';

/** Attempts per call (the SDK's adaptive retry, which also paces throttled calls). */
export const MAX_ATTEMPTS = 8;

export type Progress = (step: string) => void;

/** Every item of every page of one paginated call. */
export async function collect<P, T>(
  progress: Progress,
  action: string,
  pages: () => AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
): Promise<T[]> {
  progress(action);
  const items: T[] = [];
  try {
    for await (const page of pages()) items.push(...(pick(page) ?? []));
  } catch (error) {
    throw liveError(action, error);
  }
  return items;
}

/** One call; `step` is what progress shows (the action and its subject). */
export async function call<T>(progress: Progress, action: string, step: string, send: () => Promise<T>): Promise<T> {
  progress(step);
  try {
    return await send();
  } catch (error) {
    throw liveError(action, error);
  }
}

export function liveError(action: string, error: unknown): LiveCallError {
  const name = (error as { name?: string }).name ?? 'Error';
  const hint = /AccessDenied|UnauthorizedOperation|AccessDeniedException/.test(name)
    ? `the credentials lack ${action}; grant the read-only actions listed in LIVE_IAM_ACTIONS (${PACKAGE_DOCS_URL}#live-mode)`
    : /Throttl|RequestLimitExceeded|TooManyRequests/.test(name)
      ? `the API is throttling after ${MAX_ATTEMPTS} attempts; retry later or narrow the run with --server`
      : /Credential|ExpiredToken|InvalidClientTokenId/.test(name)
        ? 'no valid AWS credentials; set AWS_PROFILE (or --aws-profile) or log in again'
        : 'check the region and the credentials';
  return new LiveCallError(`${action} failed (${name}): ${hint}.`, { cause: error });
}
