// Share and scenario files together at the end of the top bar, so that it stays calm: one Share button
// (the dialog with the link and its QR code) and one small File menu (export and open a scenario file).
import { Menu } from '../diagram/Menu';
import { OpenScenario } from '../OpenScenario';
import { exportScenario } from './exportScenario';
import { openShareDialog } from './openShare';

export function ShareControls() {
  return (
    <div className="share-controls">
      <button
        type="button"
        className="share-button"
        aria-label="Share this run"
        onClick={() => void openShareDialog()}
      >
        Share
      </button>
      <Menu label="Scenario file" buttonText="File ▾">
        <button type="button" onClick={exportScenario}>
          Export scenario JSON
        </button>
        <OpenScenario />
      </Menu>
    </div>
  );
}
