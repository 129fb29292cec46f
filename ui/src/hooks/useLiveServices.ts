// Wires the store to the server: loads the registry, catalog and secret names, restores the draft,
// resumes a watched run, validates and autosaves on every change.
import { useEffect, useState } from 'react';
import { ApiError, type Api } from '../api/client';
import { fromWorkflow } from '../graph/workflow';
import { loadDraft, loadDraftServerId, type Autosaver, type SaveState } from '../persist/autosave';
import type { RunController } from '../run/runController';
import { canvasStore } from '../store/useStore';
import { workflowOf } from '../store/store';
import { LiveValidator } from '../validation/liveValidator';

export interface LiveStatus {
  loadError: string | null;
  needsToken: boolean;
  save: SaveState;
  saveDetail?: string;
  /** Whether the server is in simulate mode (fake providers); undefined until known. */
  simulate?: boolean;
}

export function useLiveServices(api: Api, runs: RunController, saver: Autosaver): LiveStatus {
  const [loadError, setLoadError] = useState<string | null>(null);
  const [needsToken, setNeedsToken] = useState(false);
  const [save, setSave] = useState<{ state: SaveState; detail?: string }>({ state: 'idle' });
  const [simulate, setSimulate] = useState<boolean | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const store = canvasStore;
    const draft = loadDraft(localStorage);
    if (draft !== undefined) {
      try {
        const loaded = fromWorkflow(draft);
        store.setState({ ...loaded, savedId: loadDraftServerId(localStorage), loadCount: store.getState().loadCount + 1 });
      } catch { /* a bad draft is ignored */ }
    }
    api.nodes().then((types) => {
      if (!live) return;
      store.getState().setRegistry(types);
      validator.schedule(workflowOf(store.getState()));
    }).catch((e: Error) => {
      if (!live) return;
      // The server was started with CATALYST_TOKEN: ask for it once; it is kept in this browser.
      if (e instanceof ApiError && e.status === 401) setNeedsToken(true);
      setLoadError(`Could not load node types: ${e.message}`);
    });
    api.health().then((h) => live && setSimulate(h.simulate === true)).catch(() => undefined);
    api.models().then((m) => live && store.getState().setModels(m)).catch(() => undefined);
    api.secrets().then((s) => live && store.getState().setSecrets(s ?? null)).catch(() => live && store.getState().setSecrets(null));
    void runs.resume().catch(() => undefined);

    const registryMap = () => new Map(Object.entries(store.getState().registry));
    const validator = new LiveValidator(api, registryMap, (issues, source) => store.getState().setIssues(issues, source));
    const stopListening = saver.listen({
      onState: (state, detail) => live && setSave({ state, detail }),
      onStored: (id) => { if (store.getState().meta.id === id && store.getState().savedId === null) store.getState().setSavedId(id); },
    });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.nodes === prev.nodes && s.edges === prev.edges && s.meta === prev.meta && s.savedId === prev.savedId) return;

      // Selection and drag-in-progress changes do not change the workflow JSON; skip them.
      const wf = workflowOf(s);
      const before = JSON.stringify(workflowOf(prev));
      if (JSON.stringify(wf) === before && s.savedId === prev.savedId) return;
      validator.schedule(wf);
      // an old run's workflow on show is not the user's work: checked, never saved
      if (s.viewing === null && prev.viewing === null) saver.schedule({ wf, serverId: s.savedId });
    });
    const onHide = () => runs.flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      live = false;
      unsubscribe();
      validator.dispose();
      stopListening();
      saver.dispose();
      runs.stop();
      window.removeEventListener('pagehide', onHide);
    };
  }, [api, runs, saver]);

  return { loadError, needsToken, save: save.state, saveDetail: save.detail, simulate };
}
