// The size of an element and the root font size, for layouts computed in px from the CSS type scale.
import { useEffect, useRef, useState } from 'react';

export interface Size {
  width: number;
  height: number;
  em: number;
}

export function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 1000, height: 600, em: 16 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const em = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setSize({
        width: Math.floor(entry.contentRect.width),
        height: Math.floor(entry.contentRect.height),
        em,
      });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
