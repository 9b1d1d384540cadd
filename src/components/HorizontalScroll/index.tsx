/**
 * A box that scrolls its content sideways when it is wider than the page (a table on a phone) and
 * then, only then, becomes a keyboard stop, so it can be scrolled without a pointer (WCAG 2.1.1,
 * axe rule `scrollable-region-focusable`). A table that fits adds no stop to the tab order.
 */
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';

import styles from './styles.module.css';

interface Props {
  /** What a screen reader calls the box when it scrolls. */
  readonly label: string;
  readonly children: ReactNode;
}

function useOverflowsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  // Measured in the same commit that hydrates the page, not at the next frame: a keyboard (or an
  // audit) that reaches the page as soon as it is interactive already finds the stop.
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return undefined;
    const measure = (): void => setOverflows(box.scrollWidth > box.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

export default function HorizontalScroll({ label, children }: Props): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const scrollable = useOverflowsSideways(ref) ? ({ tabIndex: 0, role: 'region', 'aria-label': label } as const) : {};
  return (
    <div ref={ref} className={styles.box} {...scrollable}>
      {children}
    </div>
  );
}
