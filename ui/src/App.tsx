import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { api as defaultApi, type Api } from './api/client';
import { Canvas } from './components/Canvas';
import { ConfigPanel } from './components/ConfigPanel';
import { Palette } from './components/Palette';
import { RunPanel } from './components/RunPanel';
import { Toolbar } from './components/Toolbar';
import { WorkflowPanel } from './components/WorkflowPanel';
import { HintToast } from './components/HintToast';
import { TokenForm } from './components/TokenForm';
import { CredentialsButton, CredentialsScreen } from './credentials/CredentialsScreen';
import { ServicesContext, type Services } from './hooks/services';
import { useLiveServices } from './hooks/useLiveServices';
import { useShortcuts } from './hooks/useShortcuts';
import { Autosaver } from './persist/autosave';
import { RunController } from './run/runController';
import { canvasStore, useStore } from './store/useStore';

export function App({ api = defaultApi }: { api?: Api }) {
  const services = useMemo<Services>(() => ({
    api, runs: new RunController(canvasStore, api, sessionStorage), saves: new Autosaver(api, localStorage),
  }), [api]);
  return (
    <ServicesContext.Provider value={services}>
      <ReactFlowProvider>
        <Shell services={services} />
      </ReactFlowProvider>
    </ServicesContext.Provider>
  );
}

function Shell({ services }: { services: Services }) {
  const status = useLiveServices(services.api, services.runs, services.saves);
  useShortcuts();
  const panels = useStore((s) => s.panels);
  const selectedId = useStore((s) => {
    const sel = s.nodes.filter((n) => n.selected);
    return sel.length === 1 ? sel[0].id : null;
  });
  const { screenToFlowPosition } = useReactFlow();
  const addAtCenter = (type: string) => {
    const rect = document.querySelector('.canvas')?.getBoundingClientRect();
    const count = canvasStore.getState().nodes.length;
    const p = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 3 }) : { x: 0, y: 0 };
    canvasStore.getState().addNode(type, { x: p.x + (count % 4) * 24, y: p.y + (count % 4) * 24 });
  };
  return (
    <div className="app">
      <Toolbar save={status.save} saveDetail={status.saveDetail} simulate={status.simulate} extra={<CredentialsButton />} />
      {status.loadError && <p className="banner error" role="alert">{status.loadError}</p>}
      {status.needsToken && <TokenForm />}
      <main className={`workspace${panels.palette ? '' : ' no-palette'}${panels.side ? '' : ' no-side'}`}>
        <Palette onAdd={addAtCenter} />
        <Canvas />
        <aside className="side" aria-label="Settings and run">
          <RunPanel />
          {selectedId ? <ConfigPanel key={selectedId} nodeId={selectedId} /> : <WorkflowPanel />}
        </aside>
      </main>
      <HintToast />
      <CredentialsScreen />
    </div>
  );
}
