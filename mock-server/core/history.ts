/**
 * Capped, newest-first logs (job runs, pipeline events, webhook deliveries): each entry gets a
 * sequence number so entries recorded in the same millisecond still list in the order they were
 * recorded, and the oldest entries beyond the cap are forgotten.
 */
import type { Table } from './table';

/** Inverted and fixed-width, so that plain string order is newest first. */
const descending = (n: number): string => String(10 ** 15 - n).padStart(16, '0');

/** The sort key of a log listed newest first: by time, then by sequence, then by id. Use with `paginate`. */
export const newestInSequence = (at: number, sequence: number, id: string): string => `${descending(at)}|${descending(sequence)}|${id}`;

/**
 * Records one entry after `previous` (the log it belongs to, oldest first) and deletes the
 * oldest entries beyond `cap`.
 * @param build makes the entry from its sequence number
 */
export function appendCapped<T extends { id: string; sequence: number }>(
  table: Table<T>,
  previous: readonly T[],
  cap: number,
  build: (sequence: number) => T,
): T {
  const entry = table.put(build(previous.reduce((max, row) => Math.max(max, row.sequence), 0) + 1));
  const excess = previous.length + 1 - cap;
  // Rows are kept in insertion order, which is the order they were recorded in.
  for (const old of previous.slice(0, Math.max(0, excess))) table.delete(old.id);
  return entry;
}
