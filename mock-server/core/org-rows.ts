/**
 * Lookups shared by the organization's resources: a row of another organization is reported
 * like an unknown id, so ids cannot be probed across organizations.
 */
import { ApiError, quote } from './errors';
import { type Page, type PageRequest, paginate } from './paginate';
import type { Table } from './table';

/**
 * The row `id` of `table`, when it belongs to `orgId`.
 * @param what the resource as a message names it (`job`, `SQL warehouse`)
 * @throws ApiError `not_found`: "No <what> <id> exists in your organization."
 */
export function findInOrg<T extends { id: string; orgId: string }>(table: Table<T>, orgId: string, id: string, what: string): T {
  const row = table.get(id);
  if (!row || row.orgId !== orgId) throw new ApiError('not_found', `No ${what} ${quote(id)} exists in your organization.`);
  return row;
}

/**
 * One page of the organization's rows of `table`, in the order of `sortKey`.
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function pageInOrg<T extends { id: string; orgId: string }>(
  table: Table<T>,
  orgId: string,
  sortKey: (row: T) => string,
  request: PageRequest = {},
): Page<T> {
  return paginate(
    table.filter((row) => row.orgId === orgId),
    sortKey,
    request,
  );
}
