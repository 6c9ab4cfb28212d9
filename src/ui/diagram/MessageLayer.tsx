// Messages in flight, drawn on a canvas every animation frame from the latest frame in the store,
// without React re-renders. Positions are interpolated from each message's sentAtMs and deliverAtMs.
import { useEffect, useRef } from 'react';
import { playback } from '../playback/machine';
import { uiStore } from '../store';
import { drawMessages } from './drawMessages';
import type { DiagramLayout } from './layout';
import { textPx } from './typeScale';

/** How far past the latest frame to extrapolate (wall ms) while the next frame is on its way. */
const EXTRAPOLATE_MS = 120;

export function MessageLayer({ layout, reducedMotion }: { layout: DiagramLayout; reducedMotion: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let handle = 0;
    const draw = (): void => {
      const { frame, frameArrivedAt, selectedPartition } = uiStore.getState();
      const l = layoutRef.current;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(l.width * dpr) || canvas.height !== Math.round(l.height * dpr)) {
        canvas.width = Math.round(l.width * dpr);
        canvas.height = Math.round(l.height * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, l.width, l.height);
      if (frame) {
        const snap = playback.getSnapshot();
        const ahead = snap.matches('playing')
          ? Math.min(performance.now() - frameArrivedAt, EXTRAPOLATE_MS) * snap.context.speed
          : 0;
        const skipped = drawMessages(ctx, l, frame.view.messages, {
          nowMs: frame.view.nowMs + ahead,
          reducedMotion,
          selected: selectedPartition,
          dpr,
          radius: Math.max(4, Math.min(10, l.em * 0.45, l.mode === 'cells' ? l.unit * 0.6 : 99)),
        });
        if (skipped > 0) {
          ctx.font = `${Math.round(textPx(0.8, l.em))}px sans-serif`;
          ctx.fillStyle = '#4f596c';
          ctx.fillText(
            `${skipped.toLocaleString('en')} empty fetches in flight, not drawn`,
            l.em * 0.6,
            l.height - l.em * 0.5,
          );
        }
      }
      handle = requestAnimationFrame(draw);
    };
    handle = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(handle);
  }, [reducedMotion]);

  return (
    <canvas
      ref={canvasRef}
      className="message-layer"
      style={{ width: layout.width, height: layout.height }}
      aria-hidden="true"
    />
  );
}
