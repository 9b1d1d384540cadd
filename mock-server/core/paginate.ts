/**
 * Cursor pagination shared by every list of the API (`limit`, `cursor`, `next_cursor`).
 *
 * A cursor is the sort key of the last row a page returned, base64url-encoded. The next page
 * starts strictly after that key, so a page stays correct when rows are added or deleted between
 * requests (a deleted row does not invalidate the cursor that points at it).
 */
import { ApiError } from './errors';
import { toBase64Url } from './random';

/** The page size when the caller names none (the spec's `limit` default). */
export const defaultPageSize = 20;

/** The largest page the spec allows. */
export const maxPageSize = 100;

export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<T> {
  data: T[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/** Inverted, fixed-width timestamps sort newest first as plain strings. */
const timeCeiling = 10 ** 15;

/**
 * The sort key of a newest-first list: later `createdAt` first, ties broken by id.
 * Use it as the `sortKey` of {@link paginate}.
 */
export const newestFirst = (row: { id: string; createdAt: number }): string =>
  `${String(timeCeiling - row.createdAt).padStart(16, '0')}|${row.id}`;

/**
 * The sort key of a list ordered by name (case-insensitive), ties broken by id. Only the first
 * 32 characters count, so that a cursor stays within the spec's 256 characters.
 */
export const byName = (row: { id: string; name: string }): string => `${Array.from(row.name.toLowerCase()).slice(0, 32).join('')}|${row.id}`;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function encodeCursor(key: string): string {
  return toBase64Url(encoder.encode(key));
}

function decodeCursor(cursor: string): string {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const key = decoder.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    if (!key.includes('|')) throw new Error('not a cursor');
    return key;
  } catch {
    throw new ApiError('invalid_request', 'cursor is not a value this list returned; pass next_cursor back unchanged.', {
      field: 'cursor',
    });
  }
}

/**
 * One page of `rows` in the order of `sortKey` (ascending string order; keys must be unique).
 *
 * @param rows every row of the list, in any order
 * @param sortKey a unique key per row whose string order is the list's order
 * @param request the caller's `limit` (1–100, default 20) and `cursor`
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function paginate<T>(rows: readonly T[], sortKey: (row: T) => string, request: PageRequest = {}): Page<T> {
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? defaultPageSize), 1), maxPageSize);
  const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  const keyed = rows.map((row) => ({ row, key: sortKey(row) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const remaining = after === undefined ? keyed : keyed.filter(({ key }) => key > after);
  const page = remaining.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(({ row }) => row),
    nextCursor: remaining.length > limit && last ? encodeCursor(last.key) : null,
  };
}
