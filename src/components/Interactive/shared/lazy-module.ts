import { useCallback, useState } from 'react';

/**
 * Loads a module once, on first use, and hands it to every component that asks. A failed load
 * (a network hiccup) is forgotten so the next use retries.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/**
 * A lazily loaded module as React state: `undefined` until `load()` is first called and resolves.
 * Call `warm` when the reader reaches for the tool (pointer or focus), so the module is usually
 * there by the time they act.
 */
export function useLazyModule<T>(load: () => Promise<T>): { module: T | undefined; warm: () => void; problem: string | undefined } {
  const [module, setModule] = useState<T>();
  const [problem, setProblem] = useState<string>();
  const warm = useCallback(() => {
    load().then(
      (loaded) => {
        setModule(() => loaded);
        setProblem(undefined);
      },
      () => setProblem('This tool could not load its code. Check your connection and try again.'),
    );
  }, [load]);
  return { module, warm, problem };
}
