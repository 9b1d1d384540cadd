import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/**
 * A component that downloads its code only on pages that use it. Registered globally, a component
 * sits in every page's first load; this stand-in weighs a few bytes instead. The server renders
 * the real component (it waits for lazy components), and the browser hydrates it once the chunk
 * arrives; `fallback` shows only when a reader navigates to the page within the site, for as long
 * as the chunk takes.
 */
export function lazyTool<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, fallback: (props: P) => ReactNode): ComponentType<P> {
  const Tool = lazy(load);
  function LazyTool(props: P): ReactNode {
    return (
      <Suspense fallback={fallback(props)}>
        <Tool {...props} />
      </Suspense>
    );
  }
  return LazyTool;
}
