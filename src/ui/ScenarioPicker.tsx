// Choose a built-in scenario. The choice goes into the address (?scenario=id), so a reload or a shared
// link opens the same one; a scenario opened from a file is listed as such.
import { builtinScenarios } from '../scenarios/index';
import { loadScenario } from './engine/actions';
import { useUi } from './store';

export function ScenarioPicker() {
  const scenario = useUi((s) => s.scenario);
  if (!scenario) return <span className="scenario-title">Loading…</span>;
  const builtin = builtinScenarios.some((s) => s.id === scenario.id && s.title === scenario.title);
  return (
    <select
      className="scenario-title"
      aria-label="Scenario"
      title={scenario.description}
      value={builtin ? scenario.id : ''}
      onChange={(e) => {
        const id = e.target.value;
        if (!id) return;
        const url = new URL(window.location.href);
        url.searchParams.set('scenario', id);
        url.searchParams.delete('seed');
        window.history.replaceState(null, '', url);
        void loadScenario({ scenario: id });
      }}
    >
      {builtin ? null : (
        <option value="">
          {/* A what-if opened as a run of its own names itself in its title. */}
          {/\(what if [^)]*\)$/.test(scenario.title) ? scenario.title : `${scenario.title} (from a file)`}
        </option>
      )}
      {builtinScenarios.map((s) => (
        <option key={s.id} value={s.id}>
          {s.title}
        </option>
      ))}
    </select>
  );
}
