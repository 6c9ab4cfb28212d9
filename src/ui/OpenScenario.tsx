// Open a scenario file (JSON, in the format of src/scenarios/schema.ts). An invalid file opens the
// default scenario with a message that names the offending field.
import { useRef } from 'react';
import { loadScenario } from './engine/actions';
import { showNotice } from './store';

export function OpenScenario() {
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (file: File): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (e) {
      showNotice(`${file.name} is not JSON: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    await loadScenario({ scenario: parsed });
  };
  return (
    <>
      <button type="button" className="quiet" onClick={() => input.current?.click()}>
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
          if (file) void onFile(file);
          e.target.value = '';
        }}
      />
    </>
  );
}
