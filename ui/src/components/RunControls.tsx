// Run and Cancel in the toolbar (Ctrl/Cmd+Enter runs): the inputs dialog when the workflow has
// inputs, and the reason when it cannot run.
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useServices } from '../hooks/services';
import { isFinished } from '../run/runView';
import { useRunBlocker } from '../run/useRunBlocker';
import { canvasStore, useStore } from '../store/useStore';
import { RunDialog } from './RunDialog';
import { sampleValues } from './sampleValues';

export function RunControls() {
  const { runs } = useServices();
  const blocker = useRunBlocker();
  const asked = useStore((s) => s.runDialog);
  const hasInputs = useStore((s) => Object.keys(s.meta.inputs).length > 0);
  const active = useStore((s) => s.run !== null && !isFinished(s.run.status) && s.viewing === null);
  const st = canvasStore.getState();

  const start = async () => {
    st.setRunDialog(false);
    const s = canvasStore.getState();
    try { await runs.start(sampleValues(s.meta.inputs, s.sampleInputs)); } catch (e) { st.showHint(`Could not start the run: ${(e as Error).message}`); }
  };

  // Run asked for (button or shortcut): say why not, start at once, or ask for the inputs.
  useEffect(() => {
    if (!asked) return;
    if (blocker) { st.setRunDialog(false); st.showHint(`Cannot run yet: ${blocker}`); return; }
    if (!hasInputs) void start();
  }, [asked]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <button type="button" className="primary run" disabled={!!blocker} onClick={() => st.setRunDialog(true)} data-testid="run-button"
        aria-describedby={blocker ? 'run-blocker' : undefined} title={blocker ?? 'Run the workflow (Ctrl+Enter)'}>▶ Run</button>
      <button type="button" disabled={!active} onClick={() => runs.cancel().catch((e: Error) => st.showHint(`Could not cancel: ${e.message}`))}
        data-testid="cancel-button">Cancel</button>
      {/* on the page's body: the toolbar's colours and button styles are not the dialog's */}
      {asked && hasInputs && !blocker && createPortal(<RunDialog onRun={() => void start()} onClose={() => st.setRunDialog(false)} />, document.body)}
    </>
  );
}
