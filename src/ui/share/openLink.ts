// Opening a shared run from the address: decode the link, rebuild exactly that run in the engine and
// stand paused where the sharer stood. A link that cannot be read opens the default scenario, with the
// decoder's sentence saying what was wrong with it.
import { DEFAULT_SCENARIO_ID } from '../../scenarios/index';
import { decodeShareLink } from '../../scenarios/link/index';
import { loadScenario } from '../engine/actions';
import { playback } from '../playback/machine';
import { showNotice, uiStore } from '../store';
import { runPayloadFromHash } from './address';

export async function openRunLink(payload: string): Promise<void> {
  const decoded = decodeShareLink(payload);
  if (!decoded.ok) {
    await loadScenario({ scenario: DEFAULT_SCENARIO_ID });
    showNotice(
      `This link could not be opened, so the default scenario was opened instead. ${decoded.error}`,
      'error',
    );
    return;
  }
  const { run } = decoded;
  // Paused before the load, so that no playback advance slips in between the run and its first frame.
  playback.send({ type: 'PAUSE' });
  await loadScenario({
    scenario: run.scenario,
    seed: run.seed,
    log: run.actions,
    positionMs: run.positionMs,
  });
  // The engine's own message (a run that could not be replayed) wins over the welcome.
  if (uiStore.getState().notice) return;
  const older =
    decoded.migratedFrom !== undefined
      ? ` The link was made by an older version of Kafkascope (format v${decoded.migratedFrom}) and was converted.`
      : '';
  showNotice(
    `You opened a shared run, paused at t = ${(run.positionMs / 1000).toFixed(1)} s where it was shared, with ${actionsText(run.actions.length)}. Press Play to go on from there.${older}`,
  );
}

const actionsText = (n: number): string => (n === 0 ? 'no actions' : n === 1 ? '1 action' : `${n} actions`);

/** Opens the run named in the address, if any; says whether there was one. */
export function openRunInAddress(): boolean {
  const payload = runPayloadFromHash(window.location.hash);
  if (payload === null) return false;
  void openRunLink(payload);
  return true;
}

/** A link pasted into the address bar of an open tab changes only the fragment: open it too. */
export function listenForRunLinks(): () => void {
  const onHash = (): void => {
    openRunInAddress();
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
