// Issue 14 item 8 in logic: the node picker offers the kinds that take an output's type; picking
// adds the node connected in one undo step; Duplicate keeps the clipboard; icons per kind and
// provider; the picker and the context menu work by keyboard.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Copy, Trash2 } from 'lucide-react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { ContextMenu } from '../src/components/ContextMenu';
import { NodePicker } from '../src/components/NodePicker';
import { compatibleKinds, filterChoices, producingKinds } from '../src/graph/compatible';
import { iconFor } from '../src/nodes/icons';
import { createCanvasStore, type Store } from '../src/store/store';
import { registry } from './fixtures';

afterEach(cleanup);

describe('compatible kinds', () => {
  it('offers the kinds with an input that takes the type, by that input', () => {
    const text = compatibleKinds(registry, 'Text').map((c) => `${c.spec.type}.${c.port}`);
    expect(text).toEqual(['anthropicCompletion.prompt', 'openaiCompletion.prompt', 'groqCompletion.prompt',
      'embeddingGenerate.texts', 'llmRouter.prompt', 'streamResponse.text', 'textJoin.texts']);
    expect(compatibleKinds(registry, 'Messages').map((c) => c.spec.type)).toEqual(['anthropicCompletion', 'openaiCompletion', 'groqCompletion', 'llmRouter']);
    // an Object input takes a Message (core's PortType.accepts)
    expect(compatibleKinds(registry, 'Message').map((c) => `${c.spec.type}.${c.port}`)).toEqual(['promptTemplate.variables']);
    expect(compatibleKinds(registry, 'ToolCalls')).toEqual([]);
  });

  it('for an input, offers the kinds with an output it takes, by that output', () => {
    expect(producingKinds(registry, 'Messages').map((c) => `${c.spec.type}.${c.port}`)).toEqual(['promptTemplate.messages']);
    expect(producingKinds(registry, 'LanguageModel').map((c) => `${c.spec.type}.${c.port}`))
      .toEqual(['anthropicCompletion.model', 'openaiCompletion.model', 'groqCompletion.model']);
    // an Object input takes a Message, Usage or Decision too (core's PortType.accepts), a Text input only Text
    expect(producingKinds(registry, 'Object').map((c) => `${c.spec.type}.${c.port}`)).toEqual(['anthropicCompletion.message',
      'openaiCompletion.message', 'groqCompletion.message', 'embeddingGenerate.usage', 'llmRouter.message']);
    expect(producingKinds(registry, 'Text').every((c) => c.spec.outputs.find((p) => p.name === c.port)?.type === 'Text')).toBe(true);
    expect(producingKinds(registry, 'ToolCalls').map((c) => c.port)).toEqual(['toolCalls', 'toolCalls', 'toolCalls', 'toolCalls']);
  });

  it('filters by every word of the search', () => {
    const text = compatibleKinds(registry, 'Text');
    expect(filterChoices(text, 'groq').map((c) => c.spec.type)).toEqual(['groqCompletion']);
    expect(filterChoices(text, '  ')).toHaveLength(text.length);
    expect(filterChoices(text, 'models anthropic').map((c) => c.spec.type)).toEqual(['anthropicCompletion']);
  });
});

describe('store: picked and duplicated nodes', () => {
  let store: StoreApi<Store>;
  const s = () => store.getState();
  beforeEach(() => { store = createCanvasStore(); s().setRegistry(registry); });

  it('adds a picked node connected to the output, undone in one step', () => {
    s().addNode('promptTemplate', { x: 0, y: 0 });
    const id = s().addNodeFrom('anthropicCompletion', { x: 400, y: 0 }, { nodeId: 'prompt', port: 'messages' }, 'messages');
    expect(id).toBe('claude');
    expect(s().edges).toEqual([{ id: 'e1', source: 'prompt', sourceHandle: 'messages', target: 'claude', targetHandle: 'messages' }]);
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(['prompt']);
    expect(s().edges).toEqual([]);
  });

  it('adds a picked node feeding an input, undone in one step', () => {
    s().addNode('anthropicCompletion', { x: 400, y: 0 });
    const id = s().addNodeInto('promptTemplate', { x: 0, y: 0 }, { nodeId: 'claude', port: 'messages' }, 'messages');
    expect(id).toBe('prompt');
    expect(s().edges).toEqual([{ id: 'e1', source: 'prompt', sourceHandle: 'messages', target: 'claude', targetHandle: 'messages' }]);
    s().undo();
    expect(s().nodes.map((n) => n.id)).toEqual(['claude']);
    expect(s().edges).toEqual([]);
  });

  it('a picked node that cannot feed the input is added unconnected, with the reason', () => {
    s().addNode('anthropicCompletion', { x: 400, y: 0 });
    s().addNodeInto('promptTemplate', { x: 0, y: 0 }, { nodeId: 'claude', port: 'messages' }, 'messages');
    s().addNodeInto('promptTemplate', { x: 0, y: 200 }, { nodeId: 'claude', port: 'messages' }, 'messages');
    expect(s().nodes.map((n) => n.id)).toEqual(['claude', 'prompt', 'prompt2']);
    expect(s().edges).toHaveLength(1);
    expect(s().hint?.text).toMatch(/takes one edge and is already connected/);
  });

  it('duplicates nodes and the edges between them beside them, keeping the clipboard', () => {
    s().addNode('promptTemplate', { x: 0, y: 0 });
    s().addNodeFrom('anthropicCompletion', { x: 400, y: 0 }, { nodeId: 'prompt', port: 'messages' }, 'messages');
    s().updateConfig('claude', 'temperature', 0.3);
    const ids = s().duplicate(['prompt', 'claude']);
    expect(ids).toEqual(['prompt2', 'claude2']);
    expect(s().nodes.find((n) => n.id === 'claude2')).toMatchObject({ position: { x: 440, y: 40 }, data: { config: { temperature: 0.3 } } });
    expect(s().edges.map((e) => `${e.source}->${e.target}`)).toEqual(['prompt->claude', 'prompt2->claude2']);
    expect(s().clipboard).toBeNull();
  });
});

describe('icons', () => {
  it('shows the provider for model calls and the kind otherwise', () => {
    const byType = Object.fromEntries(registry.map((t) => [t.type, iconFor(t)]));
    expect(new Set(Object.values(byType)).size).toBe(registry.length);
    expect(iconFor(undefined, 'somethingNew')).toBe(iconFor(undefined, 'other'));
  });
});

describe('node picker and context menu by keyboard', () => {
  it('focuses the search; arrows move through the kinds; Enter picks; Escape closes', () => {
    const picked: string[] = [];
    let closed = 0;
    render(<NodePicker at={{ x: 10, y: 10 }} registry={registry} fromType="Text" title="Add a node after prompt.text"
      onPick={(c) => picked.push(`${c.spec.type}.${c.port}`)} onClose={() => { closed++; }} />);
    const search = screen.getByRole('searchbox', { name: 'Search node kinds' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'join' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(picked).toEqual(['textJoin.texts']);
    fireEvent.change(search, { target: { value: '' } });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toMatch(/GPT \(OpenAI\)/);
    fireEvent.click(document.activeElement!);
    expect(picked).toEqual(['textJoin.texts', 'openaiCompletion.prompt']);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(closed).toBe(1);
  });

  it('for an input: offers what makes its type, shows the output each connects by, picks it', () => {
    const picked: string[] = [];
    render(<NodePicker at={{ x: 10, y: 10 }} registry={registry} intoType="Messages" title="Add a node before claude.messages"
      onPick={(c) => picked.push(`${c.spec.type}.${c.port}`)} onClose={() => undefined} />);
    expect(screen.getByRole('dialog', { name: 'Add a node before claude.messages' })).toBeTruthy();
    const items = screen.getAllByRole('button');
    expect(items.map((b) => b.textContent?.trim())).toEqual(['Prompt template messages →']);
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search node kinds' }), { key: 'Enter' });
    expect(picked).toEqual(['promptTemplate.messages']);
  });

  it('says when no kind takes the type', () => {
    render(<NodePicker at={{ x: 0, y: 0 }} registry={registry} fromType="ToolCalls" title="t" onPick={() => undefined} onClose={() => undefined} />);
    expect(screen.getByText('No node takes ToolCalls.')).toBeTruthy();
  });

  it('a context menu focuses its first item and runs the one chosen', () => {
    const ran: string[] = [];
    let closed = 0;
    render(<ContextMenu at={{ x: 0, y: 0 }} label="Actions for claude" onClose={() => { closed++; }} items={[
      { label: 'Duplicate', icon: Copy, run: () => ran.push('dup') },
      { label: 'Delete', icon: Trash2, run: () => ran.push('del') },
    ]} />);
    expect(document.activeElement?.textContent).toMatch(/Duplicate/);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toMatch(/Delete/);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toMatch(/Duplicate/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    expect(ran).toEqual(['del']);
    expect(closed).toBe(1);
  });
});
