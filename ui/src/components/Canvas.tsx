// The React Flow canvas: drop from the palette, connect typed ports (refusals explain themselves),
// select, move, zoom, minimap. Structural edits go through the store so undo sees them. An edge
// dropped on empty canvas (or a card's "+") opens the node picker, for what can follow an output or
// feed an input; right-click opens a context menu.
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow,
  type Connection, type FinalConnectionState, type IsValidConnection,
} from '@xyflow/react';
import { Ban, Copy, LayoutGrid, Plus, Power, Trash2 } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useMediaQuery } from '../hooks/useMediaQuery';
import { checkConnection } from '../graph/ports';
import { ACCENTS } from '../nodes/accents';
import { nodeTypes } from '../nodes/nodeTypes';
import { canvasStore, useStore } from '../store/useStore';
import { Gallery } from './Gallery';
import { RunDrawer } from './RunDrawer';
import { useServices } from '../hooks/services';
import { DRAG_TYPE } from './Palette';
import { shortRunId } from './format';
import { CanvasMenusContext, type CanvasMenus, type OpenMenu, type ScreenPoint } from './canvasMenus';
import { ContextMenu } from './ContextMenu';
import { NodePicker } from './NodePicker';

function toProposed(c: Connection | { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }) {
  return { source: c.source, sourcePort: c.sourceHandle ?? '', target: c.target, targetPort: c.targetHandle ?? '' };
}

// about a card's width: a node added before an input is placed so that its right edge meets the drop point
const NEW_CARD_WIDTH = 300;

/** Why no new node can feed this input (it takes one edge and has it), or undefined when one can. */
function inputTaken(input: { nodeId: string; port: string }): string | undefined {
  const s = canvasStore.getState();
  const node = s.nodes.find((n) => n.id === input.nodeId);
  const port = node ? s.registry[node.data.nodeType]?.inputs.find((p) => p.name === input.port) : undefined;
  if (!port || port.many) return undefined;
  const used = s.edges.some((e) => e.target === input.nodeId && e.targetHandle === input.port);
  return used ? `Input '${port.name}' of ${input.nodeId} takes one edge and is already connected.` : undefined;
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
  const { screenToFlowPosition, fitView, getNode } = useReactFlow();
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const menus = useMemo<CanvasMenus>(() => ({
    pickFrom: (source, anchor) => {
      const r = anchor.getBoundingClientRect();
      const node = getNode(source.nodeId);
      // the new node goes to the right of the one it follows
      const place = node ? { x: node.position.x + (node.measured?.width ?? 300) + 80, y: node.position.y } : screenToFlowPosition({ x: r.right + 80, y: r.top });
      setMenu({ kind: 'picker', at: { x: r.right + 6, y: r.top }, source, place });
    },
  }), [getNode, screenToFlowPosition]);

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
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // An edge dropped on empty canvas: pick the node to add there, connected. From an output, the new
    // node takes it; from an input, the new node (placed to the left) feeds it.
    if (!state.isValid && state.fromHandle && !state.toHandle && canvasStore.getState().viewing === null) {
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const onNode = (event.target as Element | null)?.closest?.('.react-flow__node');
      if (point && !onNode) {
        const at = { x: point.clientX, y: point.clientY };
        const flow = screenToFlowPosition(at);
        const port = { nodeId: state.fromHandle.nodeId, port: state.fromHandle.id ?? '' };
        if (state.fromHandle.type === 'source') {
          setMenu({ kind: 'picker', at, source: port, place: { x: flow.x, y: flow.y - 40 } });
          return;
        }
        const taken = inputTaken(port);
        if (taken) showHint(taken, 'Remove its edge first, or drag from an input that is free.');
        else setMenu({ kind: 'picker', at, target: port, place: { x: flow.x - NEW_CARD_WIDTH, y: flow.y - 40 } });
        return;
      }
    }
    if (state.isValid || !state.fromHandle || !state.toHandle) return;
    const from = state.fromHandle; const to = state.toHandle;
    const c: Connection = from.type === 'source'
      ? { source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null }
      : { source: to.nodeId, sourceHandle: to.id ?? null, target: from.nodeId, targetHandle: from.id ?? null };
    const v = verdictFor(c);
    if (!v.ok) showHint(v.reason, v.hint);
  }, [showHint, screenToFlowPosition]);

  const onNodeContextMenu = useCallback((e: React.MouseEvent, node: { id: string; selected?: boolean }) => {
    e.preventDefault();
    if (canvasStore.getState().viewing !== null) return;
    const ids = node.selected ? canvasStore.getState().nodes.filter((n) => n.selected).map((n) => n.id) : [node.id];
    setMenu({ kind: 'node', at: pointOf(e), nodeIds: ids });
  }, []);
  const onPaneContextMenu = useCallback((e: React.MouseEvent | MouseEvent) => {
    e.preventDefault();
    if (canvasStore.getState().viewing !== null) return;
    const at = pointOf(e);
    setMenu({ kind: 'pane', at, place: screenToFlowPosition(at) });
  }, [screenToFlowPosition]);

  return (
    <CanvasMenusContext.Provider value={menus}>
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
        onNodeContextMenu={onNodeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
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
    {menu && <Menu menu={menu} setMenu={setMenu} onClose={closeMenu} />}
    </div>
    </CanvasMenusContext.Provider>
  );
}

/** Where a context menu opens: the pointer, or the element for the keyboard's menu key (no pointer). */
function pointOf(e: React.MouseEvent | MouseEvent): ScreenPoint {
  if (e.clientX !== 0 || e.clientY !== 0) return { x: e.clientX, y: e.clientY };
  const r = (e.currentTarget as Element | null)?.getBoundingClientRect?.() ?? (e.target as Element).getBoundingClientRect();
  return { x: r.left + 16, y: r.top + 16 };
}

function Menu({ menu, setMenu, onClose }: { menu: OpenMenu; setMenu: (m: OpenMenu | null) => void; onClose: () => void }) {
  const registry = useStore((s) => s.registry);
  const store = canvasStore.getState();
  switch (menu.kind) {
    case 'picker': {
      const { source, target, place } = menu;
      const specOf = (id: string) => { const n = store.nodes.find((x) => x.id === id); return n ? registry[n.data.nodeType] : undefined; };
      const fromType = source ? specOf(source.nodeId)?.outputs.find((p) => p.name === source.port)?.type : undefined;
      const intoType = target ? specOf(target.nodeId)?.inputs.find((p) => p.name === target.port)?.type : undefined;
      const title = source ? `Add a node after ${source.nodeId}.${source.port}`
        : target ? `Add a node before ${target.nodeId}.${target.port}` : 'Add a node';
      return (
        <NodePicker at={menu.at} registry={Object.values(registry)} fromType={fromType} intoType={intoType} onClose={onClose} title={title}
          onPick={(choice) => {
            onClose();
            if (source && choice.port) canvasStore.getState().addNodeFrom(choice.spec.type, place, source, choice.port);
            else if (target && choice.port) canvasStore.getState().addNodeInto(choice.spec.type, place, target, choice.port);
            else canvasStore.getState().addNode(choice.spec.type, place);
          }} />
      );
    }
    case 'node': {
      const { nodeIds } = menu;
      const what = nodeIds.length === 1 ? nodeIds[0] : `${nodeIds.length} nodes`;
      const allDisabled = store.nodes.filter((n) => nodeIds.includes(n.id)).every((n) => n.data.disabled);
      return (
        <ContextMenu at={menu.at} label={`Actions for ${what}`} onClose={onClose} items={[
          { label: 'Duplicate', icon: Copy, run: () => canvasStore.getState().duplicate(nodeIds) },
          { label: 'Delete', icon: Trash2, run: () => { canvasStore.getState().selectOnly(nodeIds); canvasStore.getState().deleteSelected(); } },
          allDisabled
            ? { label: 'Enable', icon: Power, shortcut: 'D', run: () => canvasStore.getState().toggleDisabled(nodeIds) }
            : { label: 'Disable', icon: Ban, shortcut: 'D', run: () => canvasStore.getState().toggleDisabled(nodeIds) },
        ]} />
      );
    }
    case 'pane': {
      const { at, place } = menu;
      return (
        <ContextMenu at={at} label="Canvas actions" onClose={onClose} items={[
          { label: 'Add node…', icon: Plus, run: () => setMenu({ kind: 'picker', at, place }) },
          { label: 'Tidy up', icon: LayoutGrid, run: () => canvasStore.getState().tidyUp() },
        ]} />
      );
    }
  }
}

/** Says that an old run's workflow is on show, read-only, and leads back to the work. */
function ViewingBar() {
  const { runs } = useServices();
  const runId = useStore((s) => s.viewing?.runId);
  const name = useStore((s) => s.meta.name ?? s.meta.id);
  if (!runId) return null;
  return (
    <div className="viewing-bar" role="status" data-testid="viewing-bar">
      <span>Run <code title={runId}>{shortRunId(runId)}</code> on <b>{name}</b> as it ran: read-only.</span>
      <button type="button" onClick={() => runs.leaveView()}>Back to editing</button>
    </div>
  );
}
