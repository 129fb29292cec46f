// The React Flow canvas: drop from the palette, connect typed ports (refusals explain themselves),
// select, move, zoom, minimap. Structural edits go through the store so undo sees them.
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type FinalConnectionState, type IsValidConnection,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { checkConnection } from '../graph/ports';
import { ACCENTS } from '../nodes/accents';
import { nodeTypes } from '../nodes/nodeTypes';
import { canvasStore, useStore } from '../store/useStore';
import { Gallery } from './Gallery';
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
  const { screenToFlowPosition, fitView } = useReactFlow();

  // Fit a loaded workflow into view (not on every added node: the view must not jump under the user).
  useEffect(() => {
    if (loadCount === 0) return;
    const frame = requestAnimationFrame(() => { void fitView({ maxZoom: 1, padding: 0.2 }); });
    return () => cancelAnimationFrame(frame);
  }, [loadCount, fitView]);
  const { onNodesChange, onEdgesChange, connect, addNode, checkpoint, showHint } = canvasStore.getState();

  const styledEdges = useMemo(
    () => edges.map((e) => (edgeIssues[e.id] ? { ...e, className: 'edge-invalid', label: edgeIssues[e.id][0].code } : e)),
    [edges, edgeIssues],
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
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={3} nodeColor={(n) => ACCENTS[n.type ?? 'unknown'] ?? ACCENTS.unknown} />
      </ReactFlow>
      {nodes.length === 0 && <Gallery />}
    </div>
  );
}
