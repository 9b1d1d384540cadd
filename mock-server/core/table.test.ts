import { describe, expect, it } from 'vitest';

import { Table } from './table';

const numbered = () => new Table([{ id: 'a', n: 1, tags: ['x'] }, { id: 'b', n: 2, tags: [] as string[] }], (row) => [`n${row.n}`]);

describe('Table.changes', () => {
  it('counts puts, updates and deletes since the table was built, not reads or a delete of nothing', () => {
    const table = numbered();
    expect(table.changes).toBe(0);
    table.get('a');
    table.find('n1');
    table.delete('missing');
    expect(table.changes).toBe(0);
    table.put({ id: 'c', n: 3, tags: [] });
    table.put({ id: 'a', n: 4, tags: [] });
    table.update('c', { n: 5 });
    table.delete('b');
    expect(table.changes).toBe(4);
  });
});

describe('Table rows', () => {
  it('are frozen all the way down, so an edit in place throws instead of escaping the count', () => {
    const table = numbered();
    const row = table.get('a') as { n: number; tags: string[] };
    expect(() => {
      row.n = 9;
    }).toThrow(TypeError);
    expect(() => row.tags.push('y')).toThrow(TypeError);
    expect(table.get('a')).toEqual({ id: 'a', n: 1, tags: ['x'] });
    expect(table.changes).toBe(0);
  });
});

describe('Table.update', () => {
  it('replaces the row by a changed copy, keeps its place, re-indexes it and returns it', () => {
    const table = numbered();
    const before = table.get('a');
    const updated = table.update('a', { n: 7 });
    expect(updated).toEqual({ id: 'a', n: 7, tags: ['x'] });
    expect(table.get('a')).toBe(updated);
    expect(before).toEqual({ id: 'a', n: 1, tags: ['x'] });
    expect(table.find('n1')).toBeUndefined();
    expect(table.find('n7')).toBe(updated);
    expect(table.values().map((row) => row.id)).toEqual(['a', 'b']);
  });

  it('throws for an id no row has, and changes nothing', () => {
    const table = numbered();
    expect(() => table.update('missing', { n: 1 })).toThrow(new Error('no row missing to update'));
    expect(table.changes).toBe(0);
  });
});

describe('Table.updateWhere', () => {
  it('updates every row the predicate accepts and returns them updated, in order', () => {
    const table = numbered();
    expect(table.updateWhere((row) => row.n > 0, { tags: ['z'] })).toEqual([
      { id: 'a', n: 1, tags: ['z'] },
      { id: 'b', n: 2, tags: ['z'] },
    ]);
    expect(table.updateWhere((row) => row.n > 5, { n: 0 })).toEqual([]);
    expect(table.changes).toBe(2);
  });
});
