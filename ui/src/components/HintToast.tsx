// Short messages: why a connection was refused (and which port fits), copy/paste, import results.
import { useEffect } from 'react';
import { canvasStore, useStore } from '../store/useStore';

export function HintToast() {
  const hint = useStore((s) => s.hint);
  useEffect(() => {
    if (!hint) return;
    const t = setTimeout(() => { if (canvasStore.getState().hint === hint) canvasStore.getState().clearHint(); }, 6000);
    return () => clearTimeout(t);
  }, [hint]);
  if (!hint) return null;
  return (
    <div className="hint" role="alert" data-testid="hint">
      <p>{hint.text}</p>
      {hint.detail && <p className="hint-detail">{hint.detail}</p>}
      <button type="button" className="link" onClick={() => canvasStore.getState().clearHint()} aria-label="Dismiss">×</button>
    </div>
  );
}
