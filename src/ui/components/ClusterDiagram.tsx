// The cluster at a glance: producers, brokers with their replicas, the controller, consumers, and the
// messages travelling between them.
import { useEffect, useRef, useState } from 'react';
import { useUi } from '../store';
import { BrokerCard } from './BrokerCard';
import { layoutDiagram } from './layout';
import { MessageLayer } from './MessageLayer';

function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 1000, height: 600 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry)
        setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

export function ClusterDiagram({ speed, reducedMotion }: { speed: number; reducedMotion: boolean }) {
  const view = useUi((s) => s.frame?.view ?? null);
  const [ref, size] = useSize<HTMLDivElement>();
  if (!view) return <div ref={ref} className="diagram" />;
  const layout = layoutDiagram(view, size.width, size.height);
  const controller = layout.nodes['controller']!;
  return (
    <div ref={ref} className="diagram" aria-label="Cluster diagram">
      <div
        className="node controller"
        style={{ left: controller.x, top: controller.y, width: controller.width, height: controller.height }}
      >
        KRaft controller
      </div>
      {view.producers.map((p) => {
        const box = layout.nodes[`producer-${p.id}`]!;
        return (
          <div
            key={p.id}
            className="node client producer"
            style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
            data-testid={`producer-${p.id}`}
          >
            <span className="client-kind">producer → {p.topic}</span>
            <strong>{p.id}</strong>
            <span>
              acks={p.acks} · {p.produced} sent
            </span>
            {p.lastError ? <span className="client-error">{p.lastError}</span> : null}
          </div>
        );
      })}
      {view.brokers.map((b) => (
        <BrokerCard
          key={b.id}
          broker={b}
          partitions={view.partitions}
          box={layout.nodes[`broker-${b.id}`]!}
        />
      ))}
      {view.groups.flatMap((g) =>
        g.members
          .filter((m) => m.status === 'running')
          .map((m) => {
            const box = layout.nodes[`consumer-${m.id}`]!;
            return (
              <div
                key={m.id}
                className="node client consumer"
                style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
                data-testid={`consumer-${m.id}`}
              >
                <span className="client-kind">consumer · group {g.groupId}</span>
                <strong>{m.id}</strong>
                <span>{m.consumed} read</span>
              </div>
            );
          }),
      )}
      <MessageLayer layout={layout} speed={speed} reducedMotion={reducedMotion} />
    </div>
  );
}
