import { InvalidPathError } from '../errors.js';

/**
 * Resolves a client path against the working directory into a normalised absolute virtual path.
 * `..` stops at `/`, so no path climbs above the user's root; separators are only `/` and nothing is URL-decoded.
 */
export function resolveVirtualPath(cwd: string, path: string): string {
  if (path.includes('\0')) throw new InvalidPathError('path contains a NUL byte');
  const segments = path.startsWith('/') ? [] : cwd.split('/').filter(Boolean);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}
