/**
 * The wire shape every list of the API shares: a page of records, each mapped to its schema, and
 * the cursor of the next page (`null` on the last).
 */
import type { Page } from '../core/paginate';
import type { components } from './types';

/** One page of a list as the spec's `…List` schemas send it. */
export interface ListBody<W> {
  data: W[];
  next_cursor: components['schemas']['NextCursor'];
}

/** A core {@link Page} as a list response body, each record mapped by `toWire`. */
export function listBody<T, W>(page: Page<T>, toWire: (record: T) => W): ListBody<W> {
  return { data: page.data.map((record) => toWire(record)), next_cursor: page.nextCursor };
}
