// The React Flow canvas: drop from the palette, connect typed ports (refusals explain themselves),
// select, move, zoom, minimap. Structural edits go through the store so undo sees them.
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type FinalConnectionState, type IsValidConnection,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { checkConnection } from '../graph/ports';
import { ACCENTS } from '../nodes/accents';
import { nodeTypes } from '../nodes/nodeTypes';
import { canvasStore, useStore } from '../store/useStore';
import { Gallery } from './Gallery';
import { RunDrawer } from './RunDrawer';
import { useServices } from '../hooks/services';
import { DRAG_TYPE } from './Palette';

function toProposed(c: Connection | { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }) {
  return { source: c.source, sourcePort: c.sourceHandle ?? '', target: c.target, targetPort: c.targetHandle ?? '' };
}

function verdictFor(c: Connection) {
  const s = canvasStore.getState();
  const typeOf = (id: string) => {
    const n = s.nodes.find((x) => x.id === id);
    return n ? s.registry[n.data.nodeType] : undefined;
  };
  const edges = s.edges.map((e) => ({ id: e.id, ...toProposed(e) }));
  return checkConnection(toProposed(c), typeOf, edges);
}

export function Canvas() {
  const nodes = useStore((s) => s.nodes);
  const edges = useStore((s) => s.edges);
  const edgeIssues = useStore((s) => s.issueMap.edges);
  const loadCount = useStore((s) => s.loadCount);
  const panels = useStore((s) => s.panels);
  const viewing = useStore((s) => s.viewing !== null);
  const wide = useMediaQuery('(min-width: 1600px)');
  const { screenToFlowPosition, fitView } = useReactFlow();

  // Fit a loaded workflow into view (not on every added node: the view must not jump under the user).
  useEffect(() => {
    if (loadCount === 0) return;
    // not below 50%: a card stays readable; what does not fit is a pan away
    const frame = requestAnimationFrame(() => { void fitView({ maxZoom: 1, minZoom: 0.5, padding: 0.1 }); });
    return () => cancelAnimationFrame(frame);
  }, [loadCount, fitView]);
  const { onNodesChange, onEdgesChange, connect, addNode, checkpoint, showHint, togglePanel } = canvasStore.getState();

  const registry = useStore((s) => s.registry);
  // Edges take the colour of the type they carry (as the ports do); a refused one is dashed red.
  const typeOfSource = useCallback((e: { source: string; sourceHandle?: string | null }) => {
    const node = nodes.find((n) => n.id === e.source);
    return node ? registry[node.data.nodeType]?.outputs.find((p) => p.name === e.sourceHandle)?.type : undefined;
  }, [nodes, registry]);
  const styledEdges = useMemo(
    () => edges.map((e) => (edgeIssues[e.id]
      ? { ...e, className: 'edge-invalid', label: edgeIssues[e.id][0].code }
      : { ...e, className: `edge-type-${typeOfSource(e) ?? 'unknown'}` })),
    [edges, edgeIssues, typeOfSource],
  );

  const isValidConnection: IsValidConnection = useCallback((c) => verdictFor(c as Connection).ok, []);

  // A drop on a port that refuses the connection: say why, and which port would fit.
  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromHandle || !state.toHandle) return;
    const from = state.fromHandle; const to = state.toHandle;
    const c: Connection = from.type === 'source'
      ? { source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null }
      : { source: to.nodeId, sourceHandle: to.id ?? null, target: from.nodeId, targetHandle: from.id ?? null };
    const v = verdictFor(c);
    if (!v.ok) showHint(v.reason, v.hint);
  }, [showHint]);

  return (
    <div className="canvas-column">
    <ViewingBar />
    <div className="canvas" onDragOver={(e) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; } }}
      onDrop={(e) => {
        const type = e.dataTransfer.getData(DRAG_TYPE);
        if (!type) return;
        e.preventDefault();
        addNode(type, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
      }}>
      <ReactFlow
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c) => connect(toProposed(c))}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={() => checkpoint()}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow canvas"
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        {wide && <MiniMap pannable zoomable style={{ width: 140, height: 90 }} ariaLabel="Minimap" nodeStrokeWidth={3} nodeColor={(n) => ACCENTS[n.type ?? 'unknown'] ?? ACCENTS.unknown} />}
      </ReactFlow>
      {nodes.length === 0 && !viewing && <Gallery />}
      <button type="button" className="panel-toggle left" onClick={() => togglePanel('palette')} aria-expanded={panels.palette}
        title={panels.palette ? 'Hide the palette' : 'Show the palette'}>{panels.palette ? '‹ Palette' : '› Palette'}</button>
      <button type="button" className="panel-toggle right" onClick={() => togglePanel('side')} aria-expanded={panels.side}
        title={panels.side ? 'Hide the settings panel' : 'Show the settings panel'}>{panels.side ? 'Settings ›' : 'Settings ‹'}</button>
    </div>
    <RunDrawer />
    </div>
  );
}

/** Says that an old run's workflow is on show, read-only, and leads back to the work. */
function ViewingBar() {
  const { runs } = useServices();
  const runId = useStore((s) => s.viewing?.runId);
  const name = useStore((s) => s.meta.name ?? s.meta.id);
  if (!runId) return null;
  return (
    <div className="viewing-bar" role="status" data-testid="viewing-bar">
      <span>Run <code title={runId}>{runId.slice(0, 8)}</code> on <b>{name}</b> as it ran: read-only.</span>
      <button type="button" onClick={() => runs.leaveView()}>Back to editing</button>
    </div>
  );
}
