// ADR 23 in the canvas: which nodes are skipped (the server's rule), the `disabled` field in the
// workflow JSON, Disable/Enable as one undo step (menu and D), the answer node, and the card.
import { act, cleanup, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromWorkflow, ImportError, toWorkflow } from '../src/graph/workflow';
import { skippedNodes, type GraphEdge, type GraphNode } from '../src/graph/skipped';
import { handleShortcut } from '../src/hooks/useShortcuts';
import { TextJoinNode } from '../src/nodes/TextJoinNode';
import { AnthropicCompletionNode } from '../src/nodes/AnthropicCompletionNode';
import { answerNodeId } from '../src/run/useRunBlocker';
import { emptyMeta } from '../src/store/store';
import { canvasStore } from '../src/store/useStore';
import { hello, registry, models } from './fixtures';

const specs = Object.fromEntries(registry.map((t) => [t.type, t]));
const edge = (source: string, sourcePort: string, target: string, targetPort: string): GraphEdge => ({ source, sourcePort, target, targetPort });

// prompt → claude, gpt, groq → join → tail
const nodes = (disabled: string[] = []): GraphNode[] => [
  ['prompt', 'promptTemplate'], ['claude', 'anthropicCompletion'], ['gpt', 'openaiCompletion'], ['groq', 'groqCompletion'],
  ['join', 'textJoin'], ['tail', 'textJoin'],
].map(([id, type]) => ({ id, type, disabled: disabled.includes(id) }));
const edges = [
  edge('prompt', 'messages', 'claude', 'messages'), edge('prompt', 'messages', 'gpt', 'messages'), edge('prompt', 'messages', 'groq', 'messages'),
  edge('claude', 'text', 'join', 'texts'), edge('gpt', 'text', 'join', 'texts'), edge('groq', 'text', 'join', 'texts'),
  edge('join', 'text', 'tail', 'texts'),
];

describe('skipped nodes', () => {
  it('a disabled branch of a many-input skips only that branch', () => {
    expect([...skippedNodes(nodes(['gpt']), edges, specs)]).toEqual(['gpt']);
    expect([...skippedNodes(nodes([]), edges, specs)]).toEqual([]);
  });

  it('a required input fed only by skipped nodes skips the chain, transitively', () => {
    expect([...skippedNodes(nodes(['prompt']), edges, specs)].sort()).toEqual(['claude', 'gpt', 'groq', 'join', 'prompt', 'tail']);
    expect([...skippedNodes(nodes(['claude', 'gpt', 'groq']), edges, specs)].sort()).toEqual(['claude', 'gpt', 'groq', 'join', 'tail']);
  });

  it('an optional input fed by a skipped node does not skip, and a model handle ignores its inputs', () => {
    const withVars: GraphNode[] = [{ id: 'a', type: 'promptTemplate', disabled: true }, { id: 'b', type: 'promptTemplate' }];
    expect([...skippedNodes(withVars, [edge('a', 'text', 'b', 'variables')], specs)]).toEqual(['a']);
    const routed: GraphNode[] = [{ id: 'p', type: 'promptTemplate', disabled: true }, { id: 'c', type: 'anthropicCompletion' },
      { id: 'r', type: 'llmRouter' }, { id: 'q', type: 'promptTemplate' }];
    const wires = [edge('p', 'messages', 'c', 'messages'), edge('c', 'model', 'r', 'models'), edge('q', 'messages', 'r', 'messages')];
    expect([...skippedNodes(routed, wires, specs)]).toEqual(['p']);
  });
});

describe('the disabled field in workflow JSON', () => {
  it('is read, and written back only when true', () => {
    const json = structuredClone(hello);
    (json.nodes[1] as { disabled?: boolean }).disabled = true;
    const read = fromWorkflow(json);
    expect(read.nodes.map((n) => n.data.disabled ?? false)).toEqual([false, true]);
    const written = toWorkflow(read.meta, read.nodes, read.edges);
    expect(written.nodes.map((n) => n.disabled)).toEqual([undefined, true]);
    expect(JSON.stringify(toWorkflow(fromWorkflow(hello).meta, fromWorkflow(hello).nodes, fromWorkflow(hello).edges).nodes)).not.toContain('disabled');
  });

  it('must be a boolean', () => {
    const json = structuredClone(hello) as unknown as { nodes: Record<string, unknown>[] };
    json.nodes[0].disabled = 'yes';
    expect(() => fromWorkflow(json)).toThrow(ImportError);
    expect(() => fromWorkflow(json)).toThrow('nodes[0].disabled must be true or false');
  });
});

describe('disabling in the store', () => {
  const s = () => canvasStore.getState();
  beforeEach(() => {
    canvasStore.setState({ meta: emptyMeta(), nodes: [], edges: [], past: [], future: [], hint: null, run: null, viewing: null });
    s().setRegistry(registry);
    s().setModels(models);
    s().load(hello);
  });
  afterEach(cleanup);
  const disabled = () => s().nodes.filter((n) => n.data.disabled).map((n) => n.id);

  it('disables, enables when all are disabled, and each is one undo step', () => {
    s().toggleDisabled(['claude']);
    expect(disabled()).toEqual(['claude']);
    s().toggleDisabled(['prompt', 'claude']); // mixed: disables both
    expect(disabled()).toEqual(['prompt', 'claude']);
    s().toggleDisabled(['prompt', 'claude']); // all disabled: enables both, and the field goes away
    expect(disabled()).toEqual([]);
    expect(s().nodes.every((n) => !('disabled' in n.data))).toBe(true);
    s().undo();
    expect(disabled()).toEqual(['prompt', 'claude']);
    s().undo();
    expect(disabled()).toEqual(['claude']);
  });

  it('D toggles the selected nodes, but not while typing or with nothing selected', () => {
    const key = (k: string, target: EventTarget = document.body, opts: Partial<KeyboardEventInit> = {}) => {
      const e = new KeyboardEvent('keydown', { key: k, ...opts });
      Object.defineProperty(e, 'target', { value: target });
      return handleShortcut(e);
    };
    s().selectOnly([]);
    expect(key('d')).toBe(false);
    s().selectOnly(['claude']);
    expect(key('d', document.createElement('input'))).toBe(false);
    expect(key('d', document.body, { ctrlKey: true })).toBe(false);
    expect(disabled()).toEqual([]);
    expect(key('D')).toBe(true);
    expect(disabled()).toEqual(['claude']);
    expect(key('d')).toBe(true);
    expect(disabled()).toEqual([]);
  });

  it('the answer node is never one that will not run', () => {
    const list = [{ id: 'claude', type: 'anthropicCompletion' }, { id: 'gpt', type: 'openaiCompletion' }];
    expect(answerNodeId(list, specs)).toBe('gpt');
    expect(answerNodeId(list, specs, undefined, new Set(['gpt']))).toBe('claude');
    // not even when the user marked it as the answer before disabling it
    expect(answerNodeId(list, specs, { answer: '{{ nodes.gpt.output.text }}' }, new Set(['gpt']))).toBe('claude');
  });
});

describe('a disabled card', () => {
  const props = (id: string, nodeType: string, config: Record<string, unknown>) => ({
    id, type: nodeType, data: { nodeType, config }, selected: false, dragging: false, zIndex: 0, isConnectable: true,
    positionAbsoluteX: 0, positionAbsoluteY: 0, selectable: true, deletable: true, draggable: true,
  });
  beforeEach(() => {
    canvasStore.setState({ meta: emptyMeta(), nodes: [], edges: [], past: [], future: [], hint: null, run: null, viewing: null });
    const s = canvasStore.getState();
    s.setRegistry(registry);
    s.setModels(models);
    s.load(hello);
    s.setIssues([], 'server');
  });
  afterEach(cleanup);

  it('says disabled before a run and skipped after it; a node it starves reads skipped too', () => {
    const s = canvasStore.getState();
    s.addNodeFrom('textJoin', { x: 800, y: 0 }, { nodeId: 'claude', port: 'text' }, 'texts');
    s.toggleDisabled(['claude']);
    render(<ReactFlowProvider>
      <AnthropicCompletionNode {...props('claude', 'anthropicCompletion', { model: 'claude-sonnet-5-5' })} />
      <TextJoinNode {...props('join', 'textJoin', {})} />
    </ReactFlowProvider>);
    const card = screen.getByTestId('node-claude');
    expect(card.className).toContain('is-disabled');
    expect(screen.getByTestId('disabled-claude').textContent).toBe('disabled');
    expect(card.textContent).toContain('Disabled: this node does not run.');
    expect(screen.getByTestId('node-join').className).not.toContain('status-skipped');

    act(() => canvasStore.getState().setRun({ runId: 'r', status: 'completed', lastSeq: 4,
      nodes: { prompt: { status: 'completed', text: '', tokenCount: 0, decisions: [] } } }));
    expect(card.className).toContain('status-skipped');
    expect(card.querySelector('.node-status')?.textContent).toBe('skipped');
    expect(card.textContent).toContain('Skipped: this node is disabled.');
    const join = screen.getByTestId('node-join');
    expect(join.className).toContain('status-skipped');
    expect(join.className).not.toContain('is-disabled');
    expect(join.textContent).toContain('Skipped: its input comes only from disabled nodes.');
  });
});
