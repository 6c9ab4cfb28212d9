// Export the scenario on screen as a JSON file named after its id, in the format "Open scenario file…"
// reads back (src/scenarios/schema.ts).
import { showNotice, uiStore } from '../store';
import { scenarioFileName, scenarioFileText } from './scenarioFile';

export function exportScenario(): void {
  const scenario = uiStore.getState().scenario;
  if (!scenario) {
    showNotice('There is no scenario to export yet.', 'error');
    return;
  }
  const url = URL.createObjectURL(new Blob([scenarioFileText(scenario)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = scenarioFileName(scenario.id);
  a.click();
  // The download has started by the time the click returns; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
