// The one open form, if any, chosen by the store; plus the Simplifications list.
import { SIMPLIFICATIONS, spans } from '../simplifications';
import { ShareDialog } from '../share/ShareDialog';
import { openDialog, useUi } from '../store';
import { Dialog } from './Dialog';
import { AddConsumerForm } from './AddConsumerForm';
import { AddGroupForm } from './AddGroupForm';
import { CreateTopicForm } from './CreateTopicForm';
import { GroupConfigForm, SlowConsumerForm } from './GroupConfigForm';
import { ResetOffsetsForm } from './ResetOffsetsForm';
import { ProducerForm } from './ProducerForm';
import { SendRecordForm } from './SendRecordForm';
import { AddShareGroupForm, ShareGroupConfigForm } from './ShareGroupForms';
import { SlowBrokerForm } from './SlowBrokerForm';
import { TopicConfigForm } from './TopicConfigForm';

export function Dialogs() {
  const d = useUi((s) => s.dialog);
  if (!d) return null;
  switch (d.kind) {
    case 'topic':
      return <TopicConfigForm key={d.topic} topic={d.topic} />;
    case 'producer':
      return <ProducerForm key={d.producerId ?? '+'} producerId={d.producerId} />;
    case 'slowBroker':
      return <SlowBrokerForm key={d.brokerId} brokerId={d.brokerId} />;
    case 'group':
      return <GroupConfigForm key={d.groupId} groupId={d.groupId} />;
    case 'slowConsumer':
      return <SlowConsumerForm key={d.consumerId} consumerId={d.consumerId} />;
    case 'share':
      return <ShareDialog run={d.run} />;
    case 'resetOffsets':
      return <ResetOffsetsForm key={d.groupId} groupId={d.groupId} />;
    case 'addConsumer':
      return <AddConsumerForm key={d.groupId} groupId={d.groupId} />;
    case 'addGroup':
      return <AddGroupForm />;
    case 'shareGroup':
      return <ShareGroupConfigForm key={d.groupId} groupId={d.groupId} />;
    case 'addShareGroup':
      return <AddShareGroupForm />;
    case 'createTopic':
      return <CreateTopicForm />;
    case 'sendRecord':
      return <SendRecordForm key={d.producerId} producerId={d.producerId} />;
    case 'simplifications':
      return <SimplificationsDialog />;
  }
}

function SimplificationsDialog() {
  return (
    <Dialog title="Where the simulator departs from Kafka" wide>
      <ol className="simplifications">
        {SIMPLIFICATIONS.map((item, i) => (
          <li key={i}>
            {spans(item).map((s, k) =>
              s.kind === 'bold' ? (
                <strong key={k}>{s.text}</strong>
              ) : s.kind === 'code' ? (
                <code key={k}>{s.text}</code>
              ) : (
                s.text
              ),
            )}
          </li>
        ))}
      </ol>
      <div className="form-buttons">
        <button type="button" className="primary" onClick={() => openDialog(null)}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
