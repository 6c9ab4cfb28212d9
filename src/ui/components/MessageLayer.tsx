// Messages in flight, drawn on a canvas every animation frame from the latest view, without React
// re-renders. The engine gives each message sentAtMs and deliverAtMs; the position is interpolated here.
import { useEffect, useRef } from 'react';
import type { MessageView } from '../../engine/index';
import { uiStore } from '../store';
import { colourForKey, pointOnPath, type DiagramLayout } from './layout';

export function MessageLayer({
  layout,
  speed,
  reducedMotion,
}: {
  layout: DiagramLayout;
  speed: number;
  reducedMotion: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const speedRef = useRef(speed);
  const layoutRef = useRef(layout);
  useEffect(() => {
    speedRef.current = speed;
    layoutRef.current = layout;
  }, [speed, layout]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let handle = 0;
    const draw = (): void => {
      const { frame, frameArrivedAt } = uiStore.getState();
      const l = layoutRef.current;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(l.width * dpr) || canvas.height !== Math.round(l.height * dpr)) {
        canvas.width = Math.round(l.width * dpr);
        canvas.height = Math.round(l.height * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, l.width, l.height);
      if (frame) {
        // Extrapolate a little past the frame so motion stays smooth between worker answers.
        const now = frame.view.nowMs + Math.min(performance.now() - frameArrivedAt, 120) * speedRef.current;
        for (const m of frame.view.messages) drawMessage(ctx, l, m, now, reducedMotion);
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

function drawMessage(
  ctx: CanvasRenderingContext2D,
  l: DiagramLayout,
  m: MessageView,
  now: number,
  reducedMotion: boolean,
): void {
  const from = l.nodes[m.from];
  const to = l.nodes[m.to];
  if (!from || !to) return;
  const span = Math.max(1, m.deliverAtMs - m.sentAtMs);
  const t = Math.min(1, Math.max(0, (now - m.sentAtMs) / span));
  // Reduced motion: no travel; the message fades in at its destination instead.
  const p = pointOnPath(from, to, reducedMotion ? 1 : t);
  ctx.globalAlpha = reducedMotion ? t : 1;
  if (m.kind === 'FetchRequest') {
    ctx.strokeStyle = '#8d97ab';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(p.x, p.y, 4, 0, Math.PI * 2);
    ctx.stroke();
  } else if (m.kind === 'ProduceResponse') {
    ctx.fillStyle = m.error ? '#d93848' : '#2e9e5b';
    ctx.beginPath();
    ctx.arc(p.x, p.y, 5, 0, Math.PI * 2);
    ctx.fill();
  } else if (m.keys.length > 0) {
    const shown = m.keys.slice(0, 4);
    shown.forEach((key, i) => {
      ctx.fillStyle = colourForKey(key);
      ctx.strokeStyle = '#1d2433';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.arc(p.x - i * 7, p.y - i * 3, 8, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    });
  }
  ctx.globalAlpha = 1;
}
