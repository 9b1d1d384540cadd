/**
 * Wraps the theme's API explorer (no ejection) to warm up the in-browser sandbox as soon as a
 * console scrolls into view, so that by the time the reader presses Send the worker is ready.
 */
import ApiExplorer from '@theme-original/ApiExplorer';
import { type ComponentProps, type ReactNode, useEffect, useRef } from 'react';

import { warmUpSandbox } from '@site/src/sandbox/ensure-sandbox';

type Props = ComponentProps<typeof ApiExplorer>;

export default function ApiExplorerWrapper(props: Props): ReactNode {
  const console = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = console.current;
    if (!element) return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        warmUpSandbox();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={console}>
      <ApiExplorer {...props} />
    </div>
  );
}
