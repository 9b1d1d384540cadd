/**
 * A value kept in localStorage: read with a fallback, written as JSON, cached while the stored
 * string is unchanged (React's useSyncExternalStore needs the same object back), and shared with
 * other tabs through the `storage` event. The browser globals are stubbed per test.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MemoryStorage } from '../../mock-server/test/support/memory-storage';
import { persistedValue } from './persisted-value';

interface Server {
  kind: 'sandbox' | 'local';
}
const isServer = (value: unknown): value is Server =>
  typeof value === 'object' && value !== null && 'kind' in value && (value.kind === 'sandbox' || value.kind === 'local');

const key = 'datastack.test.server';
const fallback: Server = { kind: 'sandbox' };

let storage: MemoryStorage;
let browserWindow: EventTarget;
/** What another tab's write looks like to this one. */
const storageEvent = (changed: string | null): void => {
  browserWindow.dispatchEvent(Object.assign(new Event('storage'), { key: changed }));
};

beforeEach(() => {
  storage = new MemoryStorage();
  browserWindow = new EventTarget();
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('window', browserWindow);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('persistedValue', () => {
  it('reads the fallback when nothing is stored', () => {
    expect(persistedValue(key, fallback, isServer).get()).toBe(fallback);
  });

  it('reads the fallback where there is no localStorage (server-side rendering)', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(persistedValue(key, fallback, isServer).get()).toBe(fallback);
  });

  it('stores what it is set to as JSON, and reads it back', () => {
    const value = persistedValue(key, fallback, isServer);
    value.set({ kind: 'local' });
    expect(storage.getItem(key)).toBe('{"kind":"local"}');
    expect(value.get()).toEqual({ kind: 'local' });
  });

  it('passes the current value to an updater', () => {
    const value = persistedValue(key, fallback, isServer);
    value.set({ kind: 'local' });
    value.set((current) => ({ kind: current.kind === 'local' ? 'sandbox' : 'local' }));
    expect(value.get()).toEqual({ kind: 'sandbox' });
  });

  it.each([
    ['invalid JSON', '{"kind":'],
    ['an invalid shape', '{"kind":"ftp"}'],
    ['JSON null', 'null'],
  ])('falls back when the stored string is %s', (_case, stored) => {
    storage.setItem(key, stored);
    expect(persistedValue(key, fallback, isServer).get()).toBe(fallback);
  });

  it('returns the same object while the stored string is unchanged', () => {
    storage.setItem(key, '{"kind":"local"}');
    const value = persistedValue(key, fallback, isServer);
    const first = value.get();
    expect(value.get()).toBe(first);
    storage.setItem(key, '{"kind":"local"}');
    expect(value.get()).toBe(first);
  });

  it('returns a new object once the stored string changes', () => {
    const value = persistedValue(key, fallback, isServer);
    value.set({ kind: 'local' });
    const before = value.get();
    storage.setItem(key, '{ "kind": "local" }');
    expect(value.get()).not.toBe(before);
    expect(value.get()).toEqual(before);
  });

  it('notifies subscribers when it is set', () => {
    const value = persistedValue(key, fallback, isServer);
    const listener = vi.fn();
    value.subscribe(listener);
    value.set({ kind: 'local' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('notifies subscribers when another tab changes its key, or clears storage', () => {
    const value = persistedValue(key, fallback, isServer);
    const listener = vi.fn(() => value.get());
    value.subscribe(listener);
    storage.setItem(key, '{"kind":"local"}');
    storageEvent(key);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveLastReturnedWith({ kind: 'local' });
    storageEvent(null);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('ignores another tab changing another key', () => {
    const listener = vi.fn();
    persistedValue(key, fallback, isServer).subscribe(listener);
    storageEvent('datastack.test.other');
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops notifying once unsubscribed', () => {
    const value = persistedValue(key, fallback, isServer);
    const listener = vi.fn();
    const unsubscribe = value.subscribe(listener);
    unsubscribe();
    value.set({ kind: 'local' });
    storageEvent(key);
    expect(listener).not.toHaveBeenCalled();
  });
});
