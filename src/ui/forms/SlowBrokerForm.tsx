// Slow down a broker's follower fetches. A follower leaves the ISR only when it has not caught up for
// replica.lag.time.max.ms, so the form says how long that is in this scenario.
import { useState } from 'react';
import { DEFAULT_CLUSTER_CONFIG } from '../../engine/index';
import { runFromForm } from '../engine/actions';
import { openDialog, uiStore } from '../store';
import { Dialog, FormFooter, NumberField } from './Dialog';

export function replicaLagTimeMaxMs(): number {
  const c = uiStore.getState().scenario?.cluster.config;
  return c?.['replica.lag.time.max.ms'] ?? DEFAULT_CLUSTER_CONFIG.replicaLagTimeMaxMs;
}

export function SlowBrokerForm({ brokerId }: { brokerId: number }) {
  const lagMax = replicaLagTimeMaxMs();
  const [delay, setDelay] = useState(String(Math.round(lagMax * 1.5)));
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const failed = await runFromForm({ type: 'slowBroker', brokerId, fetchDelayMs: Number(delay) });
    if (failed) setError(failed);
    else openDialog(null);
  };
  return (
    <Dialog title={`Slow down broker ${brokerId}`}>
      <form onSubmit={(e) => void submit(e)}>
        <NumberField
          name="fetch delay (ms)"
          label="Wait before each follower fetch"
          hint={`Not a Kafka config: it stands in for a slow disk or network. In this scenario replica.lag.time.max.ms is ${lagMax} ms: a longer delay drops broker ${brokerId} out of the ISR.`}
          min={0}
          step={100}
          required
          value={delay}
          onChange={setDelay}
        />
        <FormFooter error={error} submitLabel={`Slow down broker ${brokerId}`} />
      </form>
    </Dialog>
  );
}
