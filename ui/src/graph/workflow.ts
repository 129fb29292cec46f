// Converts between the workflow JSON contract and the canvas's React Flow nodes and edges.
import type { Edge, Node } from '@xyflow/react';
import type { InputSpec, WorkflowEdge, WorkflowJson, WorkflowNode } from '../api/types';
import { stripSecrets } from './secrets';

export interface CatalystNodeData extends Record<string, unknown> {
  /** The registry type (also the React Flow node type). */
  nodeType: string;
  label?: string;
  config: Record<string, unknown>;
  /** The node does not run (ADR 23). */
  disabled?: boolean;
}

export type CanvasNode = Node<CatalystNodeData>;
export type CanvasEdge = Edge;

export interface WorkflowMeta {
  id: string;
  name?: string;
  description?: string;
  inputs: Record<string, InputSpec>;
  outputs: Record<string, string>;
  ui?: Record<string, unknown>;
}

export function toWorkflow(meta: WorkflowMeta, nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): WorkflowJson {
  const wf: WorkflowJson = {
    schemaVersion: 1,
    id: meta.id,
    nodes: nodes.map((n): WorkflowNode => {
      const node: WorkflowNode = {
        id: n.id,
        type: n.data.nodeType,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        config: n.data.config,
      };
      if (n.data.label) node.label = n.data.label;
      if (n.data.disabled) node.disabled = true;
      return node;
    }),
    edges: edges.map((e): WorkflowEdge => ({
      id: e.id, source: e.source, sourcePort: e.sourceHandle ?? '', target: e.target, targetPort: e.targetHandle ?? '',
    })),
  };
  if (meta.name) wf.name = meta.name;
  if (meta.description) wf.description = meta.description;
  if (Object.keys(meta.inputs).length > 0) wf.inputs = meta.inputs;
  if (Object.keys(meta.outputs).length > 0) wf.outputs = meta.outputs;
  if (meta.ui && Object.keys(meta.ui).length > 0) wf.ui = meta.ui;
  return wf;
}

export class ImportError extends Error {}

/** Reads workflow JSON (already parsed) into canvas state; a shape problem names the path at fault. */
export function fromWorkflow(json: unknown): { meta: WorkflowMeta; nodes: CanvasNode[]; edges: CanvasEdge[] } {
  if (!isObject(json)) throw new ImportError('a workflow must be a JSON object');
  if (json.schemaVersion !== 1) throw new ImportError(`unsupported schemaVersion ${JSON.stringify(json.schemaVersion)} (expected 1)`);
  if (!Array.isArray(json.nodes)) throw new ImportError('nodes must be a list');
  const edgesIn = json.edges === undefined ? [] : json.edges;
  if (!Array.isArray(edgesIn)) throw new ImportError('edges must be a list');
  const nodes = json.nodes.map((n, i): CanvasNode => {
    if (!isObject(n) || typeof n.id !== 'string' || typeof n.type !== 'string') {
      throw new ImportError(`nodes[${i}] needs a string id and type`);
    }
    const pos = isObject(n.position) ? n.position : {};
    const config = n.config === undefined ? {} : n.config;
    if (!isObject(config)) throw new ImportError(`nodes[${i}].config must be an object`);
    if (n.disabled !== undefined && typeof n.disabled !== 'boolean') throw new ImportError(`nodes[${i}].disabled must be true or false`);
    return {
      id: n.id,
      type: flowTypeOf(n.type),
      position: { x: num(pos.x, i * 320), y: num(pos.y, 0) },
      data: { nodeType: n.type, config, ...(typeof n.label === 'string' ? { label: n.label } : {}), ...(n.disabled === true ? { disabled: true } : {}) },
    };
  });
  const edges = edgesIn.map((e, i): CanvasEdge => {
    if (!isObject(e) || typeof e.source !== 'string' || typeof e.target !== 'string'
      || typeof e.sourcePort !== 'string' || typeof e.targetPort !== 'string') {
      throw new ImportError(`edges[${i}] needs source, sourcePort, target and targetPort`);
    }
    return {
      id: typeof e.id === 'string' ? e.id : `e${i + 1}`,
      source: e.source, sourceHandle: e.sourcePort, target: e.target, targetHandle: e.targetPort,
    };
  });
  const meta: WorkflowMeta = {
    id: typeof json.id === 'string' ? json.id : 'untitled',
    name: typeof json.name === 'string' ? json.name : undefined,
    description: typeof json.description === 'string' ? json.description : undefined,
    inputs: isObject(json.inputs) ? (json.inputs as Record<string, InputSpec>) : {},
    outputs: isObject(json.outputs) ? (json.outputs as Record<string, string>) : {},
    ui: isObject(json.ui) ? json.ui : undefined,
  };
  return { meta, nodes, edges };
}

/** The JSON text a user downloads: the contract's fields only, never a secret. */
export function exportWorkflow(wf: WorkflowJson): { text: string; removed: string[] } {
  const { value, removed } = stripSecrets(wf);
  return { text: JSON.stringify(value, null, 2) + '\n', removed };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Registry types with a card of their own (ui/src/nodes); any other type gets the generic card. */
export const CARD_KINDS: ReadonlySet<string> = new Set([
  'promptTemplate', 'anthropicCompletion', 'openaiCompletion', 'groqCompletion', 'embeddingGenerate', 'llmRouter', 'streamResponse',
  'textJoin',
]);

/** The React Flow node type for a registry type. */
export const flowTypeOf = (registryType: string) => (CARD_KINDS.has(registryType) ? registryType : 'unknown');

const BASE_IDS: Record<string, string> = {
  promptTemplate: 'prompt', anthropicCompletion: 'claude', openaiCompletion: 'gpt', groqCompletion: 'groq',
  embeddingGenerate: 'embed', llmRouter: 'router', streamResponse: 'answer', textJoin: 'join',
};

/** A readable node id not yet taken: `claude`, `claude2`, ... */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = BASE_IDS[type] ?? type;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function newEdgeId(taken: ReadonlySet<string>): string {
  for (let i = taken.size + 1; ; i++) if (!taken.has(`e${i}`)) return `e${i}`;
}
