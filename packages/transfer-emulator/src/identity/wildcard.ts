/**
 * IAM's wildcard match: `*` is any run of characters (`/` included, possibly empty), `?` exactly one, everything
 * else literal. No regular expression: the pattern is cut at each `*` and every piece is searched once, left to
 * right, at its leftmost place, which is all a `*` needs (a later place can only leave less room). The cost is the
 * value's length times the longest piece, never the backtracking blow-up of `^.*x.*y$`.
 */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0]!;
  if (pieces.length === 1) return first.length === value.length && pieceAt(first, value, 0, ignoreCase);
  const last = pieces.at(-1)!;
  const end = value.length - last.length;
  if (end < first.length || !pieceAt(first, value, 0, ignoreCase) || !pieceAt(last, value, end, ignoreCase)) {
    return false;
  }
  let position = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = findPiece(piece, value, position, end, ignoreCase);
    if (found === -1) return false;
    position = found + piece.length;
  }
  return true;
}

/** The first index >= `from` where `piece` fits entirely before `end`, or -1. */
function findPiece(piece: string, value: string, from: number, end: number, ignoreCase: boolean): number {
  for (let start = from; start + piece.length <= end; start++) {
    if (pieceAt(piece, value, start, ignoreCase)) return start;
  }
  return -1;
}

function pieceAt(piece: string, value: string, start: number, ignoreCase: boolean): boolean {
  for (let i = 0; i < piece.length; i++) {
    const want = piece[i]!;
    const got = value[start + i]!;
    if (want === '?' || want === got) continue;
    if (!ignoreCase || want.toLowerCase() !== got.toLowerCase()) return false;
  }
  return true;
}
