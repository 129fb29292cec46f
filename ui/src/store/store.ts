// The canvas's one store. Components read it through narrow selectors (useStore(s => s.x)), so a
// token arriving for one node re-renders that node's card and nothing else.
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelInfo, NodeTypeSpec, SecretInfo, ValidationIssue } from '../api/types';
import { checkConnection, type ProposedConnection } from '../graph/ports';
import {
  flowTypeOf, fromWorkflow, newEdgeId, newNodeId, toWorkflow,
  type CanvasEdge, type CanvasNode, type WorkflowMeta,
} from '../graph/workflow';
import { tidy } from '../graph/layout';
import { defaultConfig } from '../schema/form';
import { mapIssues, type IssueMap } from '../validation/issues';
import type { RunView } from '../run/runView';

/** What undo restores; `savedId` comes along so an undone New edits the stored workflow again. */
export interface Snapshot { meta: WorkflowMeta; nodes: CanvasNode[]; edges: CanvasEdge[]; savedId?: string | null }

export interface Hint { text: string; detail?: string; at: number }

export interface CanvasState {
  registry: Record<string, NodeTypeSpec>;
  models: ModelInfo[];
  secrets: SecretInfo[] | null;
  meta: WorkflowMeta;
  /** The id under which the server stores this workflow; null until it has been stored once. */
  savedId: string | null;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  past: Snapshot[];
  future: Snapshot[];
  /** Coalesces a run of edits to the same field into one undo step. */
  lastEditTag: string | null;
  clipboard: Snapshot | null;
  hint: Hint | null;
  issues: ValidationIssue[];
  issueMap: IssueMap;
  validationSource: 'server' | 'local' | null;
  run: RunView | null;
  runConnection: 'connecting' | 'open' | 'reconnecting' | null;
  sampleInputs: Record<string, string>;
  /** The inputs dialog of a run is open. */
  runDialog: boolean;
  /** An old run is shown with the workflow it ran (read-only); this is the work to go back to. */
  viewing: (Snapshot & { runId: string }) | null;
  /** Which side panels are open (folding them gives the canvas the room). */
  panels: { palette: boolean; side: boolean };
  /** Bumped when a whole workflow is loaded or laid out anew, so the canvas fits it into view. */
  loadCount: number;
}

export interface CanvasActions {
  setRegistry(types: NodeTypeSpec[]): void;
  setModels(models: ModelInfo[]): void;
  setSecrets(secrets: SecretInfo[] | null): void;
  /** Saves the current graph for undo; a repeated tag (same field still being typed) is one step. */
  checkpoint(tag?: string): void;
  addNode(type: string, position: XYPosition): string | undefined;
  /** Adds a node and connects `from` to its input `port`, as one undo step (the node picker). */
  addNodeFrom(type: string, position: XYPosition, from: { nodeId: string; port: string }, port: string): string | undefined;
  /** Adds a node and connects its output `port` to the input `into`, as one undo step (the picker of an input). */
  addNodeInto(type: string, position: XYPosition, into: { nodeId: string; port: string }, port: string): string | undefined;
  /** Copies the nodes (and the edges between them) beside themselves, keeping the clipboard. */
  duplicate(nodeIds: string[]): string[];
  /** Disables the nodes, or enables them when all of them are disabled already (one undo step). */
  toggleDisabled(nodeIds: string[]): void;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  connect(c: ProposedConnection): boolean;
  updateConfig(nodeId: string, key: string, value: unknown): void;
  updateLabel(nodeId: string, label: string): void;
  setMeta(patch: Partial<WorkflowMeta>, tag?: string): void;
  deleteSelected(): void;
  selectOnly(nodeIds: string[]): void;
  copySelection(): number;
  paste(offset?: XYPosition): string[];
  undo(): void;
  redo(): void;
  /** Loads a workflow; `savedId` is its id on the server when it was opened from there. */
  load(json: unknown, savedId?: string | null): void;
  /** An empty workflow with a fresh id (the current one stays stored; undo brings it back). */
  newWorkflow(): void;
  /** The workflow was stored under a new id (a rename): history cannot go back across it. */
  renamed(id: string): void;
  setSavedId(id: string | null): void;
  /** Lays the graph out by its cards' measured sizes (one undo step). */
  tidyUp(): void;
  togglePanel(panel: 'palette' | 'side'): void;
  setRunDialog(open: boolean): void;
  /** Shows an old run on the workflow version it ran, read-only, keeping the current work aside. */
  viewRun(runId: string, workflow: unknown): void;
  /** Back to the work kept aside by viewRun. */
  stopViewing(): void;
  showHint(text: string, detail?: string): void;
  clearHint(): void;
  setIssues(issues: ValidationIssue[], source: 'server' | 'local'): void;
  setRun(run: RunView | null): void;
  setRunConnection(state: CanvasState['runConnection']): void;
  setSampleInput(name: string, value: string): void;
}

export type Store = CanvasState & CanvasActions;

const HISTORY_LIMIT = 100;
/** A card not measured yet (never rendered) is laid out at about a card's size. */
const DEFAULT_SIZE = { width: 300, height: 200 };

/** A fresh id for a new workflow, so two new workflows never share one (and never overwrite each other). */
export function newWorkflowId(random: () => string = () => crypto.randomUUID()): string {
  return `workflow-${random().replace(/-/g, '').slice(0, 8)}`;
}

export const emptyMeta = (): WorkflowMeta => ({ id: newWorkflowId(), name: 'Untitled', inputs: {}, outputs: {} });

export function createCanvasStore(): StoreApi<Store> {
  return createStore<Store>()((set, get) => {
    const snapshot = (): Snapshot => ({ meta: get().meta, nodes: get().nodes, edges: get().edges, savedId: get().savedId });
    const flowEdges = () => get().edges.map((e) => ({
      id: e.id, source: e.source, sourcePort: e.sourceHandle ?? '', target: e.target, targetPort: e.targetHandle ?? '',
    }));
    const typeOf = (id: string) => {
      const node = get().nodes.find((n) => n.id === id);
      return node ? get().registry[node.data.nodeType] : undefined;
    };
    // adds a node and the edge `wire` makes for its id, as one undo step (addNode takes the checkpoint)
    const addConnected = (type: string, position: XYPosition, wire: (id: string) => ProposedConnection) => {
      const id = get().addNode(type, position);
      if (id === undefined) return undefined;
      const proposed = wire(id);
      const verdict = checkConnection(proposed, typeOf, flowEdges());
      if (!verdict.ok) { get().showHint(verdict.reason, verdict.hint); return id; }
      const edgeId = newEdgeId(new Set(get().edges.map((e) => e.id)));
      set({ edges: [...get().edges, { id: edgeId, source: proposed.source, sourceHandle: proposed.sourcePort, target: proposed.target, targetHandle: proposed.targetPort }] });
      return id;
    };
    // An old run's workflow is shown as it ran: edits are refused with a word on how to edit again.
    const locked = () => {
      if (get().viewing === null) return false;
      get().showHint('This is the workflow as an old run ran it, shown read-only.', 'Back to editing (the bar above the canvas) to change your workflow.');
      return true;
    };
    const patchNode = (nodeId: string, f: (n: CanvasNode) => CanvasNode) =>
      set({ nodes: get().nodes.map((n) => (n.id === nodeId ? f(n) : n)) });

    return {
      registry: {},
      models: [],
      secrets: null,
      meta: emptyMeta(),
      savedId: null,
      nodes: [],
      edges: [],
      past: [],
      future: [],
      lastEditTag: null,
      clipboard: null,
      hint: null,
      issues: [],
      issueMap: mapIssues([]),
      validationSource: null,
      run: null,
      runConnection: null,
      sampleInputs: {},
      loadCount: 0,
      panels: { palette: true, side: true },
      runDialog: false,
      viewing: null,

      setRegistry: (types) => set({ registry: Object.fromEntries(types.map((t) => [t.type, t])) }),
      setModels: (models) => set({ models }),
      setSecrets: (secrets) => set({ secrets }),

      checkpoint: (tag) => {
        if (tag !== undefined && tag === get().lastEditTag) return;
        set({ past: [...get().past.slice(-(HISTORY_LIMIT - 1)), snapshot()], future: [], lastEditTag: tag ?? null });
      },

      addNode: (type, position) => {
        if (locked()) return undefined;
        const spec = get().registry[type];
        if (!spec) { get().showHint(`Unknown node type '${type}'.`); return undefined; }
        get().checkpoint();
        const id = newNodeId(type, new Set(get().nodes.map((n) => n.id)));
        const node: CanvasNode = { id, type: flowTypeOf(type), position, selected: true, data: { nodeType: type, config: defaultConfig(spec) } };
        set({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), node] });
        return id;
      },

      addNodeFrom: (type, position, from, port) =>
        addConnected(type, position, (id) => ({ source: from.nodeId, sourcePort: from.port, target: id, targetPort: port })),

      addNodeInto: (type, position, into, port) =>
        addConnected(type, position, (id) => ({ source: id, sourcePort: port, target: into.nodeId, targetPort: into.port })),

      duplicate: (nodeIds) => {
        const clipboard = get().clipboard;
        get().selectOnly(nodeIds);
        if (get().copySelection() === 0) return [];
        const ids = get().paste();
        set({ clipboard });
        return ids;
      },

      toggleDisabled: (nodeIds) => {
        if (locked()) return;
        const ids = new Set(nodeIds);
        const targets = get().nodes.filter((n) => ids.has(n.id));
        if (targets.length === 0) return;
        const disable = targets.some((n) => !n.data.disabled);
        get().checkpoint();
        set({
          nodes: get().nodes.map((n) => {
            if (!ids.has(n.id)) return n;
            const { disabled: _was, ...data } = n.data;
            return { ...n, data: disable ? { ...data, disabled: true } : data };
          }),
        });
      },

      onNodesChange: (changes) => {
        // Structural changes go through deleteSelected/addNode; here only selection, moves and sizes.
        const allowed = changes.filter((c) => c.type === 'select' || c.type === 'position' || c.type === 'dimensions');
        if (allowed.length === 0) return;
        // Selecting something else starts a new edit: typing in the same field later is a new undo step.
        const reselect = allowed.some((c) => c.type === 'select');
        set({ nodes: applyNodeChanges(allowed, get().nodes), ...(reselect ? { lastEditTag: null } : {}) });
      },

      onEdgesChange: (changes) => {
        const allowed = changes.filter((c) => c.type === 'select');
        if (allowed.length > 0) set({ edges: applyEdgeChanges(allowed, get().edges) });
      },

      connect: (c) => {
        if (locked()) return false;
        const verdict = checkConnection(c, typeOf, flowEdges());
        if (!verdict.ok) {
          get().showHint(verdict.reason, verdict.hint);
          return false;
        }
        get().checkpoint();
        const id = newEdgeId(new Set(get().edges.map((e) => e.id)));
        set({
          edges: [...get().edges, { id, source: c.source, sourceHandle: c.sourcePort, target: c.target, targetHandle: c.targetPort }],
          hint: null,
        });
        return true;
      },

      updateConfig: (nodeId, key, value) => {
        if (locked()) return;
        get().checkpoint(`config:${nodeId}:${key}`);
        patchNode(nodeId, (n) => {
          const config = { ...n.data.config };
          if (value === undefined) delete config[key]; else config[key] = value;
          return { ...n, data: { ...n.data, config } };
        });
      },

      updateLabel: (nodeId, label) => {
        if (locked()) return;
        get().checkpoint(`label:${nodeId}`);
        patchNode(nodeId, (n) => ({ ...n, data: { ...n.data, label: label || undefined } }));
      },

      setMeta: (patch, tag) => {
        if (locked()) return;
        get().checkpoint(tag ?? `meta:${Object.keys(patch).join(',')}`);
        set({ meta: { ...get().meta, ...patch } });
      },

      deleteSelected: () => {
        if (locked()) return;
        const gone = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
        const edgesLeft = get().edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
        if (gone.size === 0 && edgesLeft.length === get().edges.length) return;
        get().checkpoint();
        set({ nodes: get().nodes.filter((n) => !gone.has(n.id)), edges: edgesLeft });
      },

      selectOnly: (ids) => {
        const wanted = new Set(ids);
        set({
          nodes: get().nodes.map((n) => (n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })),
          edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        });
      },

      copySelection: () => {
        const nodes = get().nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        const edges = get().edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        if (nodes.length === 0) return 0;
        set({ clipboard: structuredClone({ meta: get().meta, nodes, edges }) });
        return nodes.length;
      },

      paste: (offset = { x: 40, y: 40 }) => {
        if (locked()) return [];
        const clip = get().clipboard;
        if (!clip || clip.nodes.length === 0) return [];
        get().checkpoint();
        const taken = new Set(get().nodes.map((n) => n.id));
        const rename = new Map<string, string>();
        const pasted = clip.nodes.map((n): CanvasNode => {
          const id = newNodeId(n.data.nodeType, taken);
          taken.add(id);
          rename.set(n.id, id);
          return {
            id, type: n.type, selected: true,
            position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
            data: structuredClone(n.data),
          };
        });
        const edgeIds = new Set(get().edges.map((e) => e.id));
        const pastedEdges = clip.edges.map((e): CanvasEdge => {
          const id = newEdgeId(edgeIds);
          edgeIds.add(id);
          return { id, source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target: rename.get(e.target)!, targetHandle: e.targetHandle };
        });
        set({
          nodes: [...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
          edges: [...get().edges, ...pastedEdges],
          // Pasting again drops the next copy further along.
          clipboard: { ...clip, nodes: clip.nodes.map((n) => ({ ...n, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } })) },
        });
        return pasted.map((n) => n.id);
      },

      undo: () => {
        if (locked()) return;
        const past = get().past;
        if (past.length === 0) return;
        const previous = past[past.length - 1];
        set({ ...previous, past: past.slice(0, -1), future: [snapshot(), ...get().future], lastEditTag: null });
      },

      redo: () => {
        if (locked()) return;
        const [next, ...rest] = get().future;
        if (!next) return;
        set({ ...next, past: [...get().past, snapshot()], future: rest, lastEditTag: null });
      },

      load: (json, savedId = null) => {
        const loaded = fromWorkflow(json);
        get().stopViewing();
        get().checkpoint();
        set({ ...loaded, savedId, run: null, lastEditTag: null, sampleInputs: {}, loadCount: get().loadCount + 1 });
      },

      newWorkflow: () => {
        get().stopViewing();
        get().checkpoint();
        set({ meta: emptyMeta(), savedId: null, nodes: [], edges: [], run: null, lastEditTag: null, sampleInputs: {} });
      },

      renamed: (id) => set({ meta: { ...get().meta, id }, savedId: id, past: [], future: [], lastEditTag: null }),
      setSavedId: (savedId) => set({ savedId }),

      setRunDialog: (runDialog) => set({ runDialog: runDialog && get().viewing === null }),

      viewRun: (runId, workflow) => {
        const loaded = fromWorkflow(workflow);
        const aside = get().viewing ?? { ...snapshot(), runId };
        set({ ...loaded, viewing: { ...aside, runId }, savedId: aside.savedId ?? null, run: null, runDialog: false, loadCount: get().loadCount + 1 });
      },

      stopViewing: () => {
        const aside = get().viewing;
        if (!aside) return;
        set({ meta: aside.meta, nodes: aside.nodes, edges: aside.edges, savedId: aside.savedId ?? null, viewing: null, run: null, loadCount: get().loadCount + 1 });
      },

      togglePanel: (panel) => set({ panels: { ...get().panels, [panel]: !get().panels[panel] } }),

      tidyUp: () => {
        const nodes = get().nodes;
        if (nodes.length === 0) return;
        const at = tidy(
          nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? DEFAULT_SIZE.width, height: n.measured?.height ?? DEFAULT_SIZE.height })),
          get().edges,
        );
        if (get().viewing === null) get().checkpoint();
        set({ nodes: nodes.map((n) => ({ ...n, position: at[n.id] })), loadCount: get().loadCount + 1 });
      },

      showHint: (text, detail) => set({ hint: { text, detail, at: Date.now() } }),
      clearHint: () => set({ hint: null }),
      setIssues: (issues, source) => set({ issues, issueMap: mapIssues(issues), validationSource: source }),
      setRun: (run) => set({ run }),
      setRunConnection: (runConnection) => set({ runConnection }),
      setSampleInput: (name, value) => set({ sampleInputs: { ...get().sampleInputs, [name]: value } }),
    };
  });
}

/** The workflow JSON of the store's current graph. */
export const workflowOf = (s: CanvasState) => toWorkflow(s.meta, s.nodes, s.edges);
