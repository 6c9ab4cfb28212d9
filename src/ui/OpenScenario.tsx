// Open a scenario file (JSON, in the format of src/scenarios/schema.ts). A file that is not JSON, or not
// a valid scenario, opens the default scenario with a message that names the file and the offending field.
import { useRef } from 'react';
import { DEFAULT_SCENARIO_ID } from '../scenarios/index';
import { loadScenario } from './engine/actions';
import { readScenarioFile, scenarioFileTooBig } from './share/scenarioFile';
import { showNotice } from './store';

async function openFile(file: File): Promise<void> {
  const tooBig = scenarioFileTooBig(file.name, file.size);
  const read = tooBig === null ? readScenarioFile(file.name, await file.text()) : null;
  if (read?.ok) {
    await loadScenario({ scenario: read.scenario });
    return;
  }
  await loadScenario({ scenario: DEFAULT_SCENARIO_ID });
  showNotice(`The default scenario was opened instead, because ${read?.error ?? tooBig}`, 'error');
}

export function OpenScenario() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Open scenario file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="scenario-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void openFile(file);
          e.target.value = '';
        }}
      />
    </>
  );
}
