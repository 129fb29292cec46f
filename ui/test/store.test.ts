import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { createCanvasStore, newWorkflowId, workflowOf, type Store } from '../src/store/store';
import { unsavedWork } from '../src/components/Toolbar';
import { hello, registry } from './fixtures';

let store: StoreApi<Store>;
const s = () => store.getState();

beforeEach(() => {
  store = createCanvasStore();
  s().setRegistry(registry);
});

function buildHello() {
  const prompt = s().addNode('promptTemplate', { x: 0, y: 0 })!;
  const claude = s().addNode('anthropicCompletion', { x: 320, y: 0 })!;
  s().connect({ source: prompt, sourcePort: 'messages', target: claude, targetPort: 'messages' });
  return { prompt, claude };
}

describe('canvas store', () => {
  it('adds nodes with readable ids and registry defaults, selecting the new one', () => {
    const { prompt, claude } = buildHello();
    expect([prompt, claude]).toEqual(['prompt', 'claude']);
    expect(s().addNode('anthropicCompletion', { x: 0, y: 200 })).toBe('claude2');
    expect(s().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['claude2']);
    expect(s().nodes[1].data.config).toMatchObject({ model: 'claude-sonnet-5-5', credential: 'anthropic' });
    expect(s().edges).toEqual([{ id: 'e1', source: 'prompt', sourceHandle: 'messages', target: 'claude', targetHandle: 'messages' }]);
  });

  it('refuses an incompatible connection with a hint and changes nothing', () => {
    buildHello();
    const before = s().edges;
    expect(s().connect({ source: 'prompt', sourcePort: 'text', target: 'claude', targetPort: 'messages' })).toBe(false);
    expect(s().edges).toBe(before);
    expect(s().hint).toMatchObject({ text: expect.stringContaining('Text does not fit Messages'), detail: 'Connect it to Claude (Anthropic).prompt instead.' });
  });

  it('undoes and redoes adds, connections and config edits; typing in one field is one step', () => {
    buildHello();
    s().updateConfig('claude', 'temperature', 0.1);
    s().updateConfig('claude', 'temperature', 0.15);
    s().updateConfig('claude', 'temperature', 0.2);
    expect(s().nodes[1].data.config.temperature).toBe(0.2);
    s().undo();
    expect(s().nodes[1].data.config.temperature).toBeUndefined();
    s().undo();
    expect(s().edges).toHaveLength(0);
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(['prompt']);
    s().redo(); s().redo(); s().redo();
    expect(s().edges).toHaveLength(1);
    expect(s().nodes[1].data.config.temperature).toBe(0.2);
    s().redo(); // nothing left
    expect(s().future).toHaveLength(0);
  });

  it('a new edit after undo drops the redo branch', () => {
    buildHello();
    s().undo();
    expect(s().future).toHaveLength(1);
    s().updateLabel('prompt', 'Greeting');
    expect(s().future).toHaveLength(0);
  });

  it('deletes the selection with its edges in one undo step', () => {
    buildHello();
    s().selectOnly(['prompt']);
    s().deleteSelected();
    expect(s().nodes.map((n) => n.id)).toEqual(['claude']);
    expect(s().edges).toEqual([]);
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(['prompt', 'claude']);
    expect(s().edges).toHaveLength(1);
  });

  it('copies and pastes nodes with their inner edges under new ids, offset, and undoable', () => {
    buildHello();
    s().updateConfig('claude', 'temperature', 0.7);
    s().selectOnly(['prompt', 'claude']);
    expect(s().copySelection()).toBe(2);
    s().updateConfig('claude', 'temperature', 0.1); // the clipboard holds a copy, not a reference
    expect(s().paste()).toEqual(['prompt2', 'claude2']);
    const pasted = s().nodes.filter((n) => n.selected);
    expect(pasted.map((n) => [n.id, n.position])).toEqual([['prompt2', { x: 40, y: 40 }], ['claude2', { x: 360, y: 40 }]]);
    expect(pasted[1].data.config.temperature).toBe(0.7);
    expect(s().edges.at(-1)).toMatchObject({ source: 'prompt2', target: 'claude2', sourceHandle: 'messages', targetHandle: 'messages' });
    expect(s().paste().map((id) => s().nodes.find((n) => n.id === id)!.position.x)).toEqual([80, 400]);
    s().undo(); s().undo();
    expect(s().nodes).toHaveLength(2);
  });

  it('copying nothing keeps the clipboard empty, and paste then does nothing', () => {
    s().selectOnly([]);
    expect(s().copySelection()).toBe(0);
    expect(s().paste()).toEqual([]);
  });

  it('loads workflow JSON and gives back the same workflow', () => {
    s().load(hello);
    const wf = workflowOf(s());
    expect(wf.nodes).toEqual(hello.nodes);
    expect(wf.edges).toEqual(hello.edges);
    expect(wf.inputs).toEqual(hello.inputs);
    expect(wf.outputs).toEqual(hello.outputs);
    s().undo();
    expect(s().nodes).toHaveLength(0);
  });

  it('keeps selection and moves out of structure edits, but moves are applied', () => {
    buildHello();
    s().onNodesChange([{ type: 'position', id: 'prompt', position: { x: 5, y: 6 }, dragging: true }, { type: 'remove', id: 'claude' }]);
    expect(s().nodes.map((n) => [n.id, n.position.x])).toEqual([['prompt', 5], ['claude', 320]]);
    s().onEdgesChange([{ type: 'select', id: 'e1', selected: true }, { type: 'remove', id: 'e1' }]);
    expect(s().edges[0].selected).toBe(true);
    s().selectOnly([]);
    s().onEdgesChange([{ type: 'select', id: 'e1', selected: true }]);
    s().deleteSelected();
    expect(s().edges).toHaveLength(0);
    expect(s().nodes).toHaveLength(2);
  });

  it('refuses to add an unknown type with a hint', () => {
    expect(s().addNode('nope', { x: 0, y: 0 })).toBeUndefined();
    expect(s().hint?.text).toBe("Unknown node type 'nope'.");
  });
});

describe('node cards', () => {
  it('has a card for every registry type, and the store uses the generic card for unknown types', async () => {
    const { nodeTypes } = await import('../src/nodes/nodeTypes');
    const { CARD_KINDS } = await import('../src/graph/workflow');
    for (const t of registry) expect(nodeTypes[t.type], t.type).toBeDefined();
    expect(new Set(Object.keys(nodeTypes))).toEqual(new Set([...CARD_KINDS, 'unknown']));
    const st = createCanvasStore();
    st.getState().load({ schemaVersion: 1, id: 'x', nodes: [{ id: 'a', type: 'fancyNew', config: {} }], edges: [] });
    expect(st.getState().nodes[0]).toMatchObject({ type: 'unknown', data: { nodeType: 'fancyNew' } });
    expect(workflowOf(st.getState()).nodes[0].type).toBe('fancyNew');
  });
});

describe('undo steps', () => {
  it('selecting another node starts a new undo step for the same field', () => {
    const st = createCanvasStore();
    st.getState().setRegistry(registry);
    st.getState().load(hello);
    st.getState().updateConfig('claude', 'temperature', 0.1);
    st.getState().onNodesChange([{ type: 'select', id: 'prompt', selected: true }]);
    st.getState().updateConfig('claude', 'temperature', 0.2);
    st.getState().undo();
    expect(st.getState().nodes[1].data.config.temperature).toBe(0.1);
  });
});

describe('workflow identity', () => {
  it('a new workflow gets a fresh id each time, and New keeps the stored one reachable by undo', () => {
    expect(newWorkflowId(() => 'ab12cd34-0000-4000-8000-000000000000')).toBe('workflow-ab12cd34');
    s().load(hello, 'hello');
    expect(s().savedId).toBe('hello');
    s().newWorkflow();
    expect(s().savedId).toBeNull();
    expect(s().nodes).toHaveLength(0);
    expect(s().meta.id).toMatch(/^workflow-[0-9a-f]{8}$/);
    const first = s().meta.id;
    s().newWorkflow();
    expect(s().meta.id).not.toBe(first);
    s().undo();
    s().undo();
    expect(s().meta.id).toBe('hello');
    expect(s().savedId).toBe('hello');
  });

  it('a rename moves the binding and cannot be undone across', () => {
    s().load(hello, 'hello');
    s().renamed('greeting');
    expect(s().meta.id).toBe('greeting');
    expect(s().savedId).toBe('greeting');
    expect(s().past).toHaveLength(0);
  });

  it('asks before switching only when the server does not have the work', () => {
    expect(unsavedWork('saved-local', 2)).toBe(true);
    expect(unsavedWork('error', 1)).toBe(true);
    expect(unsavedWork('saved-server', 3)).toBe(false);
    expect(unsavedWork('pending', 3)).toBe(false); // saved before switching
    expect(unsavedWork('error', 0)).toBe(false);
  });
});
