/** Just enough of `Storage`, in memory, for tests of what a page keeps in localStorage. */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  /** Every `setItem`, in order, so a test can tell whether anything was written. */
  writes = 0;
  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.#items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  clear(): void {
    this.#items.clear();
  }
}
