// The cluster at a glance: producers on the left, brokers with their replicas in the middle, consumer
// groups and share groups with their members on the right, the controller above, and the messages
// travelling between them. The layout depends only on the cluster's structure, so this component
// re-renders when a broker, member or producer comes or goes, not every frame; each card subscribes to
// its own model.
import { useMemo } from 'react';
import { useUi } from '../store';
import { BrokerCard } from './BrokerCard';
import { FollowPath } from './FollowPath';
import { AddGroupButton, GroupCard } from './GroupCard';
import { layoutDiagram } from './layout';
import { MessageLayer } from './MessageLayer';
import { ShareGroupCard } from './ShareGroupCard';
import { AddProducerButton, ProducerCard } from './ProducerCard';
import { useSize } from './useSize';

export function ClusterDiagram({ reducedMotion }: { reducedMotion: boolean }) {
  const structure = useUi((s) => s.model?.structure ?? null);
  const [ref, size] = useSize<HTMLDivElement>();
  const layout = useMemo(
    () => (structure ? layoutDiagram(structure, size.width, size.height, size.em) : null),
    [structure, size],
  );
  if (!structure || !layout) return <div ref={ref} className="diagram" />;
  const controller = layout.nodes['controller']!;
  const coordinator = layout.nodes['coordinator']!;
  const add = layout.nodes['producers-add']!;
  return (
    <div ref={ref} className={`diagram mode-${layout.mode}`} data-mode={layout.mode}>
      <div
        className="node controller"
        style={{ left: controller.x, top: controller.y, width: controller.width, height: controller.height }}
      >
        KRaft controller · active
      </div>
      <div
        className="node controller"
        style={{
          left: coordinator.x,
          top: coordinator.y,
          width: coordinator.width,
          height: coordinator.height,
        }}
      >
        Group coordinator
      </div>
      {structure.producers.map((id) => (
        <ProducerCard key={id} producerId={id} box={layout.nodes[`producer-${id}`]!} em={layout.em} />
      ))}
      <AddProducerButton box={add} />
      {structure.brokers.map((b) => (
        <BrokerCard
          key={b.id}
          brokerId={b.id}
          box={layout.nodes[`broker-${b.id}`]!}
          mode={layout.mode}
          header={layout.header}
          headerStyle={layout.brokerHeader}
          unit={layout.unit}
          rowFont={layout.rowFont}
          nameEm={layout.nameEm}
          rowSizes={layout.rowSizes}
          cellColumns={layout.cellColumns}
          stripRecords={layout.stripRecords}
        />
      ))}
      {structure.groups.map((g) => (
        <GroupCard key={g.groupId} groupId={g.groupId} layout={layout} />
      ))}
      {structure.shareGroups.map((g) => (
        <ShareGroupCard key={g.groupId} groupId={g.groupId} layout={layout} />
      ))}
      <AddGroupButton box={layout.nodes['groups-add']!} />
      <FollowPath layout={layout} />
      <MessageLayer layout={layout} reducedMotion={reducedMotion} />
    </div>
  );
}
