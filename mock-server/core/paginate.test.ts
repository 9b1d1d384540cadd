import { describe, expect, it } from 'vitest';

import { ApiError } from './errors';
import { byName, newestFirst, paginate } from './paginate';

const rows = Array.from({ length: 45 }, (_, i) => ({ id: `row_${String(i).padStart(2, '0')}`, name: `Row ${i}`, createdAt: 1_000 + i }));

function walk<T>(all: readonly T[], key: (row: T) => string, limit: number): T[][] {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = paginate(all, key, { limit, cursor });
    pages.push(page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

describe('paginate', () => {
  it('returns 20 rows by default, newest first, and a cursor while more remain', () => {
    const page = paginate(rows, newestFirst);
    expect(page.data).toHaveLength(20);
    expect(page.data[0]?.id).toBe('row_44');
    expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('walks every row exactly once, and the last page has no cursor', () => {
    const pages = walk(rows, newestFirst, 20);
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    expect(pages.flat().map((row) => row.id)).toEqual(rows.map((row) => row.id).reverse());
  });

  it('has no cursor when the rows fill the page exactly', () => {
    expect(paginate(rows.slice(0, 5), newestFirst, { limit: 5 }).nextCursor).toBeNull();
  });

  it('keeps its place when the row a cursor points at is deleted', () => {
    const first = paginate(rows, newestFirst, { limit: 10 });
    const remaining = rows.filter((row) => row.id !== 'row_35');
    const next = paginate(remaining, newestFirst, { limit: 3, cursor: first.nextCursor ?? undefined });
    expect(next.data.map((row) => row.id)).toEqual(['row_34', 'row_33', 'row_32']);
  });

  it('breaks ties of createdAt by id, so no row is skipped or repeated', () => {
    const same = rows.map((row) => ({ ...row, createdAt: 5 }));
    expect(walk(same, newestFirst, 7).flat()).toHaveLength(45);
  });

  it('orders by name case-insensitively and keeps cursors short for long names', () => {
    const named = [
      { id: 'ws_b', name: 'beta' },
      { id: 'ws_a', name: 'Alpha' },
      { id: 'ws_c', name: '🚀'.repeat(100) },
    ];
    const first = paginate(named, byName, { limit: 2 });
    expect(first.data.map((row) => row.id)).toEqual(['ws_a', 'ws_b']);
    const second = paginate(named, byName, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.data.map((row) => row.id)).toEqual(['ws_c']);
    const long = paginate(named.slice(2).concat({ id: 'ws_d', name: '🚀'.repeat(100) }), byName, { limit: 1 });
    expect(long.nextCursor?.length).toBeLessThanOrEqual(256);
  });

  it('refuses a cursor it never issued', () => {
    for (const cursor of ['bm9wZQ', '____', 'x']) {
      expect(() => paginate(rows, newestFirst, { cursor })).toThrow(ApiError);
    }
    try {
      paginate(rows, newestFirst, { cursor: 'bm9wZQ' });
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_request', details: { field: 'cursor' } });
    }
  });
});
