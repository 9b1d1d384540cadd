/**
 * A value kept in localStorage and shared by every console on every page of the site (and by
 * other tabs, through the `storage` event). React components read it with `usePersistedValue`.
 */
import { useSyncExternalStore } from 'react';

export interface PersistedValue<T> {
  get(): T;
  set(next: T | ((current: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function persistedValue<T>(key: string, fallback: T, isValid: (value: unknown) => value is T): PersistedValue<T> {
  const listeners = new Set<() => void>();
  let cachedRaw: string | null | undefined;
  let cached = fallback;

  const read = (): T => {
    if (typeof localStorage === 'undefined') return fallback;
    const raw = localStorage.getItem(key);
    if (raw !== cachedRaw) {
      cachedRaw = raw;
      try {
        const parsed: unknown = raw === null ? fallback : JSON.parse(raw);
        cached = isValid(parsed) ? parsed : fallback;
      } catch {
        cached = fallback;
      }
    }
    return cached;
  };

  const notify = () => listeners.forEach((listener) => listener());

  return {
    get: read,
    set(next) {
      const value = typeof next === 'function' ? (next as (current: T) => T)(read()) : next;
      localStorage.setItem(key, JSON.stringify(value));
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}

export function usePersistedValue<T>(value: PersistedValue<T>): T {
  return useSyncExternalStore(value.subscribe, value.get, value.get);
}
