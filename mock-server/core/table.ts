/** The keys a row is also found by (secret hashes, user codes), so a presented credential is found without scanning. */
export type IndexKeys<T> = (row: Readonly<T>) => readonly string[];

/** Freezes a row and everything it holds, so an edit in place throws instead of slipping past the store's counter. */
function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

/**
 * Records keyed by id, in insertion order, with an optional secondary index. Rows are frozen:
 * every change is a `put`, an `update` or a `delete`, and each one counts in {@link Table.changes}.
 */
export class Table<T extends { id: string }> {
  readonly #rows = new Map<string, Readonly<T>>();
  readonly #index = new Map<string, string>();
  readonly #indexedKeys = new Map<string, readonly string[]>();
  #changes = 0;

  /** A table holding `rows` (frozen as they are, not copied), with no changes counted yet. */
  constructor(
    rows: readonly T[] = [],
    private readonly indexKeys: IndexKeys<T> = () => [],
  ) {
    for (const row of rows) this.put(row);
    this.#changes = 0;
  }

  /** How many `put`s, `update`s and successful `delete`s since the table was built. */
  get changes(): number {
    return this.#changes;
  }

  get(id: string): Readonly<T> | undefined {
    return this.#rows.get(id);
  }

  /** The row whose index holds `key`. */
  find(key: string): Readonly<T> | undefined {
    const id = this.#index.get(key);
    return id === undefined ? undefined : this.#rows.get(id);
  }

  /** Adds `row`, or replaces the row with its id (keeping its place in the order); the row is frozen from then on. */
  put(row: T): Readonly<T> {
    const stored = deepFreeze(row);
    this.#unindex(stored.id);
    this.#rows.set(stored.id, stored);
    const keys = this.indexKeys(stored);
    for (const key of keys) this.#index.set(key, stored.id);
    this.#indexedKeys.set(stored.id, keys);
    this.#changes++;
    return stored;
  }

  /**
   * Replaces the row with id `id` by a copy with `changes` applied, and returns the copy.
   *
   * @throws Error when no row has that id: the caller updates a row it did not read
   */
  update(id: string, changes: Partial<Omit<T, 'id'>>): Readonly<T> {
    const row = this.#rows.get(id);
    if (row === undefined) throw new Error(`no row ${id} to update`);
    return this.put({ ...row, ...changes });
  }

  /** Applies `changes` to every row `predicate` accepts, in order, and returns the updated rows. */
  updateWhere(predicate: (row: Readonly<T>) => boolean, changes: Partial<Omit<T, 'id'>>): Readonly<T>[] {
    return this.filter(predicate).map((row) => this.update(row.id, changes));
  }

  delete(id: string): boolean {
    this.#unindex(id);
    const deleted = this.#rows.delete(id);
    if (deleted) this.#changes++;
    return deleted;
  }

  #unindex(id: string): void {
    for (const key of this.#indexedKeys.get(id) ?? []) this.#index.delete(key);
    this.#indexedKeys.delete(id);
  }

  get size(): number {
    return this.#rows.size;
  }

  values(): Readonly<T>[] {
    return [...this.#rows.values()];
  }

  /** The rows in insertion order, without copying them (deleting or updating the current row is safe). */
  [Symbol.iterator](): IterableIterator<Readonly<T>> {
    return this.#rows.values();
  }

  filter(predicate: (row: Readonly<T>) => boolean): Readonly<T>[] {
    return this.values().filter(predicate);
  }

  count(predicate: (row: Readonly<T>) => boolean): number {
    let n = 0;
    for (const row of this.#rows.values()) if (predicate(row)) n++;
    return n;
  }
}
